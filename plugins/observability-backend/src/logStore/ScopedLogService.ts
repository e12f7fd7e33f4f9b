import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  LabelMatcher,
  LogFieldsResponse,
  LogLevel,
  LogLine,
  LogsResponse,
  LogVolumeResponse,
} from '@catalyst/plugin-observability-common';
import { ObservabilityConfig } from '../config';
import { traceUrlOf } from '../incidents/traceLinks';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';

/** Volume buckets the chart aims for. */
const VOLUME_BUCKETS = 60;
const MOST_FIELD_VALUES = 100;

/** One entity's log request, its window already bounded by the router. */
export type EntityLogRequest = {
  entity: Entity;
  matchers: LabelMatcher[];
  query?: string;
  levels?: LogLevel[];
  start: number;
  end: number;
};

/**
 * Log reads of one entity from the log store it resolves to: every request carries the
 * entity's scope to the store, lines are capped at `observability.limits.maxLogLines`
 * and evaluation at `observability.limits.queryTimeout`.
 */
export class ScopedLogService {
  constructor(
    private readonly instances: ObservabilityInstances,
    private readonly limits: ObservabilityConfig['limits'],
    private readonly tracing: ObservabilityConfig['tracing'] = {},
  ) {}

  async lines(
    request: EntityLogRequest & {
      limit?: number;
      direction?: 'forward' | 'backward';
    },
  ): Promise<LogsResponse> {
    const limit = request.limit ?? Math.min(1000, this.limits.maxLogLines);
    if (
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > this.limits.maxLogLines
    ) {
      throw new InputError(
        `limit must be an integer from 1 to ${this.limits.maxLogLines}, got ${request.limit}`,
      );
    }
    const store = this.instances.logStoreFor(request.entity);
    const { lines, query } = await store.query({
      ...this.storeRequest(request),
      limit,
      direction: request.direction ?? 'backward',
    });
    return {
      entityRef: stringifyEntityRef(request.entity),
      instance: store.instance.name,
      language: store.language,
      query: { name: 'logs', query },
      scope: store.describeScope(request.matchers),
      lines: lines.map(line => this.withTraceUrl(line)),
      limitReached: lines.length >= limit,
    };
  }

  /** Error-level lines, for the incident view. */
  async errorLines(
    request: Omit<EntityLogRequest, 'query' | 'levels'> & { limit: number },
  ): Promise<{ lines: LogLine[]; query: string }> {
    const store = this.instances.logStoreFor(request.entity);
    return store.errorLines({
      ...this.storeRequest(request),
      limit: Math.min(request.limit, this.limits.maxLogLines),
    });
  }

  async volume(request: EntityLogRequest): Promise<LogVolumeResponse> {
    const store = this.instances.logStoreFor(request.entity);
    const stepSeconds = Math.max(
      1,
      Math.ceil((request.end - request.start) / 1000 / VOLUME_BUCKETS),
    );
    return {
      entityRef: stringifyEntityRef(request.entity),
      instance: store.instance.name,
      step: stepSeconds,
      series: await store.volume({
        ...this.storeRequest(request),
        stepSeconds,
      }),
    };
  }

  async fieldNames(request: EntityLogRequest): Promise<LogFieldsResponse> {
    const store = this.instances.logStoreFor(request.entity);
    return {
      entityRef: stringifyEntityRef(request.entity),
      instance: store.instance.name,
      values: await store.fieldNames(this.storeRequest(request)),
    };
  }

  async fieldValues(
    request: EntityLogRequest & { field: string; limit?: number },
  ): Promise<LogFieldsResponse> {
    const store = this.instances.logStoreFor(request.entity);
    return {
      entityRef: stringifyEntityRef(request.entity),
      instance: store.instance.name,
      values: await store.fieldValues({
        ...this.storeRequest(request),
        field: request.field,
        limit: Math.min(request.limit ?? MOST_FIELD_VALUES, MOST_FIELD_VALUES),
      }),
    };
  }

  /** New lines of the entity's scope until `signal` aborts. */
  async tail(
    request: Omit<EntityLogRequest, 'start' | 'end'> & { signal: AbortSignal },
  ): Promise<{ instance: string; lines: AsyncIterable<LogLine[]> }> {
    const store = this.instances.logStoreFor(request.entity);
    return {
      instance: store.instance.name,
      lines: await store.tail({
        matchers: request.matchers,
        query: request.query,
        levels: request.levels,
        signal: request.signal,
      }),
    };
  }

  private withTraceUrl(line: LogLine): LogLine {
    const template = this.tracing.urlTemplate;
    const traceUrl = template ? traceUrlOf(template, line) : undefined;
    return traceUrl ? { ...line, traceUrl } : line;
  }

  private storeRequest(
    request: Omit<EntityLogRequest, 'entity'> & { entity?: Entity },
  ) {
    return {
      matchers: request.matchers,
      query: request.query,
      levels: request.levels,
      start: request.start,
      end: request.end,
      timeoutMs: this.limits.queryTimeoutMs,
    };
  }
}
