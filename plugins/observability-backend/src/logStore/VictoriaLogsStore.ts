import {
  LabelMatcher,
  LogLevel,
  LogLine,
  logsqlStreamFilter,
  quoteLabelValue,
} from '@catalyst/plugin-observability-common';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  requestInstance,
  ResponseTooLargeError,
  streamInstance,
} from '../clients/requestInstance';
import { LogStoreInstanceConfig } from '../config';
import { LogStore, LogStoreRequest } from './LogStore';
import {
  parseRows,
  rfc3339ToNanoseconds,
  sortLines,
  toLogLines,
  VictoriaLogsRow,
} from './victoriaLogsRows';

const EVERYTHING = '*';
/** Error-level lines whether the level is a field or only a word in the message. */
const ERROR_LINES =
  'level:in(fatal, error, err, critical, crit, panic) or i(error) or i(exception) or i(panic)';
const MOST_LEVELS = 20;

type ValuesWithHits = { values?: { value: string; hits: number }[] };
type Hits = {
  hits?: {
    fields?: Record<string, string>;
    timestamps: string[];
    values: number[];
  }[];
};

/**
 * VictoriaLogs' LogsQL HTTP API. The entity's scope travels as `extra_stream_filters`,
 * which VictoriaLogs ANDs into the query and every subquery (`union`, `join`, `in(...)`
 * filters), so the user's LogsQL is sent as written and cannot read another stream. The
 * scope is not put in `extra_filters`: stream filters use the stream index, take the same
 * four operators as PromQL matchers, and fail closed when a log has no such stream label.
 * Tenants (AccountID / ProjectID headers) stay fixed per instance: mapping entities to
 * tenants would need a tenant per namespace at ingestion, which collectors do not do.
 */
export class VictoriaLogsStore implements LogStore {
  readonly language = 'logsql' as const;

  constructor(readonly instance: LogStoreInstanceConfig) {}

  describeScope(matchers: LabelMatcher[]): string {
    return logsqlStreamFilter(matchers);
  }

  async query(
    request: LogStoreRequest & {
      limit: number;
      direction: 'forward' | 'backward';
    },
  ) {
    const form = this.form(request);
    form.set('limit', String(request.limit));
    const rows = await this.rows('/select/logsql/query', form, request);
    return {
      lines: sortLines(toLogLines(rows), request.direction),
      query: form.get('query')!,
    };
  }

  errorLines(
    request: Omit<LogStoreRequest, 'query' | 'levels'> & { limit: number },
  ) {
    return this.query({
      ...request,
      query: ERROR_LINES,
      direction: 'backward',
    });
  }

  async volume(request: LogStoreRequest & { stepSeconds: number }) {
    const form = this.form(request);
    form.set('step', `${request.stepSeconds}s`);
    form.set('field', 'level');
    form.set('fields_limit', String(MOST_LEVELS));
    const answer = await requestInstance<Hits>(
      this.instance,
      '/select/logsql/hits',
      { form, timeoutMs: request.timeoutMs },
    );
    return (answer?.hits ?? []).map(series => ({
      level: series.fields?.level ?? '',
      timestamps: series.timestamps.map(t =>
        Number(rfc3339ToNanoseconds(t)! / 1_000_000n),
      ),
      values: series.values,
    }));
  }

  async fieldNames(request: LogStoreRequest) {
    const answer = await requestInstance<ValuesWithHits>(
      this.instance,
      '/select/logsql/field_names',
      { form: this.form(request), timeoutMs: request.timeoutMs },
    );
    return answer?.values ?? [];
  }

  async fieldValues(
    request: LogStoreRequest & { field: string; limit: number },
  ) {
    const form = this.form(request);
    form.set('field', request.field);
    form.set('limit', String(request.limit));
    const answer = await requestInstance<ValuesWithHits>(
      this.instance,
      '/select/logsql/field_values',
      { form, timeoutMs: request.timeoutMs },
    );
    return answer?.values ?? [];
  }

  async tail(
    request: Omit<LogStoreRequest, 'start' | 'end' | 'timeoutMs'> & {
      signal: AbortSignal;
    },
  ): Promise<AsyncIterable<LogLine[]>> {
    const form = this.scoped(request.query, request.matchers, request.levels);
    // Lines reach the tail once they are a second old (VictoriaLogs' default is 5s), and
    // the tail starts a second before it opened.
    form.set('offset', '1s');
    form.set('start_offset', '1s');
    form.set('refresh_interval', '1s');
    const body = await streamInstance(
      this.instance,
      '/select/logsql/tail',
      { form },
      request.signal,
    );
    return readTail(
      body,
      request.signal,
      this.instance.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    );
  }

  async health(timeoutMs: number) {
    await requestInstance(this.instance, '/health', {
      accept: 'text',
      timeoutMs,
    });
    return {};
  }

  /** The user's query with the scope, levels, window and query timeout beside it. */
  private form(request: LogStoreRequest): URLSearchParams {
    const form = this.scoped(request.query, request.matchers, request.levels);
    form.set('start', new Date(request.start).toISOString());
    form.set('end', new Date(request.end).toISOString());
    // The store stops evaluating when Catalyst stops waiting.
    form.set(
      'timeout',
      `${Math.min(request.timeoutMs, this.instance.timeoutMs)}ms`,
    );
    return form;
  }

  private scoped(
    query: string | undefined,
    matchers: LabelMatcher[],
    levels: LogLevel[] | undefined,
  ): URLSearchParams {
    const form = new URLSearchParams({
      query: query?.trim() ? query : EVERYTHING,
      extra_stream_filters: logsqlStreamFilter(matchers),
    });
    if (levels?.length) {
      form.set(
        'extra_filters',
        `level:in(${levels.map(quoteLabelValue).join(', ')})`,
      );
    }
    return form;
  }

  private async rows(
    path: string,
    form: URLSearchParams,
    request: { timeoutMs: number },
  ): Promise<VictoriaLogsRow[]> {
    const text = await requestInstance<string>(this.instance, path, {
      form,
      accept: 'text',
      timeoutMs: request.timeoutMs,
    });
    return parseRows(text);
  }
}

/** Batches of lines from a tail's newline-delimited JSON body. */
async function* readTail(
  body: AsyncIterable<Uint8Array>,
  signal: AbortSignal,
  maxLineBytes: number,
): AsyncIterable<LogLine[]> {
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for await (const chunk of body) {
      pending += decoder.decode(chunk, { stream: true });
      const end = pending.lastIndexOf('\n');
      if (end < 0) {
        // A row that never ends would otherwise grow without bound.
        if (pending.length > maxLineBytes) {
          throw new ResponseTooLargeError(
            `The log store sent a tail row longer than ${maxLineBytes} bytes (observability.limits.maxResponseBytes)`,
          );
        }
        continue;
      }
      const rows = parseRows(pending.slice(0, end));
      pending = pending.slice(end + 1);
      if (rows.length > 0) yield sortLines(toLogLines(rows), 'forward');
    }
  } catch (error) {
    // The caller stopping the tail ends the stream; anything else is a failure.
    if (!signal.aborted) throw error;
  }
}
