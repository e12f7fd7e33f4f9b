import {
  formatLabelMatcher,
  LabelMatcher,
  LogLevel,
  LogLine,
} from '@catalyst/plugin-observability-common';
import { InputError } from '@backstage/errors';
import { LokiClient, LokiQueryData } from '../clients/LokiClient';
import { LogStoreInstanceConfig } from '../config';
import { scopeEntityLogQL } from '../scope/scopeQuery';
import { LogStore, LogStoreRequest } from './LogStore';
import { sortLines } from './victoriaLogsRows';

// Error-level lines whether the level is a word in the text, logfmt or JSON.
const ERROR_LINE_FILTER =
  '(?i)(\\blevel"?\\s*[=:]\\s*"?(error|err|fatal|crit(ical)?|panic)\\b|\\b(error|exception|panic|fatal)\\b)';
const TAIL_POLL_MS = 2000;

/**
 * The opt-in Loki adapter: LogQL, scoped by rewriting every stream selector of the query
 * (`scopeLogQL`). Loki is AGPL-licensed, so this project neither ships nor runs it: this
 * adapter is not run against a Loki server in this project's tests. VictoriaLogs is the
 * store Catalyst tests and documents.
 */
export class LokiLogStore implements LogStore {
  readonly language = 'logql' as const;
  private readonly client: LokiClient;

  constructor(readonly instance: LogStoreInstanceConfig) {
    this.client = new LokiClient(instance);
  }

  describeScope(matchers: LabelMatcher[]): string {
    return selector(matchers);
  }

  async query(
    request: LogStoreRequest & {
      limit: number;
      direction: 'forward' | 'backward';
    },
  ) {
    const query = this.scoped(request);
    const data = await this.client.queryRange({
      query,
      start: request.start,
      end: request.end,
      limit: request.limit,
      direction: request.direction,
    });
    return { lines: lokiLines(data, request.direction), query };
  }

  errorLines(
    request: Omit<LogStoreRequest, 'query' | 'levels'> & { limit: number },
  ) {
    return this.query({
      ...request,
      query: `${selector(request.matchers)} |~ ${JSON.stringify(
        ERROR_LINE_FILTER,
      )}`,
      direction: 'backward',
    });
  }

  async volume(request: LogStoreRequest & { stepSeconds: number }) {
    const data = await this.client.queryRange({
      query: `sum by (level) (count_over_time(${this.scoped(request)} [${
        request.stepSeconds
      }s]))`,
      start: request.start,
      end: request.end,
      limit: 1,
      stepSeconds: request.stepSeconds,
    });
    if (data.resultType !== 'matrix') return [];
    return data.result.map(series => ({
      level: series.metric.level ?? '',
      timestamps: series.values.map(([t]) => t * 1000),
      values: series.values.map(([, v]) => Number(v)),
    }));
  }

  async fieldNames(request: LogStoreRequest) {
    const series = await this.client.series({
      match: [selector(request.matchers)],
      start: request.start,
      end: request.end,
    });
    return countValues(series.flatMap(labels => Object.keys(labels)));
  }

  async fieldValues(
    request: LogStoreRequest & { field: string; limit: number },
  ) {
    const series = await this.client.series({
      match: [selector(request.matchers)],
      start: request.start,
      end: request.end,
    });
    return countValues(
      series.flatMap(labels =>
        labels[request.field] === undefined ? [] : [labels[request.field]],
      ),
    ).slice(0, request.limit);
  }

  /** Loki's tail is a WebSocket; this adapter polls query_range instead. */
  async tail(
    request: Omit<LogStoreRequest, 'start' | 'end' | 'timeoutMs'> & {
      signal: AbortSignal;
    },
  ): Promise<AsyncIterable<LogLine[]>> {
    await this.client.buildVersion();
    return this.poll(request);
  }

  private async *poll(
    request: Omit<LogStoreRequest, 'start' | 'end' | 'timeoutMs'> & {
      signal: AbortSignal;
    },
  ): AsyncIterable<LogLine[]> {
    let since = Date.now();
    while (!request.signal.aborted) {
      await new Promise(done => setTimeout(done, TAIL_POLL_MS));
      if (request.signal.aborted) return;
      const now = Date.now();
      const { lines } = await this.query({
        ...request,
        start: since,
        end: now,
        limit: 1000,
        direction: 'forward',
        timeoutMs: this.instance.timeoutMs,
      });
      since = now;
      if (lines.length > 0) yield lines;
    }
  }

  async health(timeoutMs: number) {
    return { version: await this.client.buildVersion(timeoutMs) };
  }

  private scoped(request: {
    query?: string;
    matchers: LabelMatcher[];
    levels?: LogLevel[];
  }): string {
    let query = request.query?.trim() || selector(request.matchers);
    if (request.levels?.length) {
      query = `${query} | level=~${JSON.stringify(request.levels.join('|'))}`;
    }
    return scopeEntityLogQL(query, request.matchers);
  }
}

function selector(matchers: LabelMatcher[]): string {
  return `{${matchers.map(formatLabelMatcher).join(', ')}}`;
}

function countValues(values: string[]) {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, hits]) => ({ value, hits }))
    .sort((a, b) => b.hits - a.hits || a.value.localeCompare(b.value));
}

/** Flattens Loki streams into lines in the requested order. */
export function lokiLines(
  data: LokiQueryData,
  direction: 'forward' | 'backward',
): LogLine[] {
  if (data.resultType !== 'streams') {
    throw new InputError(
      'The LogQL query is a metric query; the logs route takes log queries only',
    );
  }
  const lines: LogLine[] = [];
  for (const stream of data.result) {
    for (const [timestampNs, line] of stream.values) {
      lines.push({
        timestampNs,
        timestamp: Number(BigInt(timestampNs) / 1_000_000n),
        line,
        labels: stream.stream,
      });
    }
  }
  return sortLines(lines, direction);
}
