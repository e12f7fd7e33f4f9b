import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  formatLabelMatcher,
  LabelMatcher,
  LogLine,
  LogsResponse,
  QueryResponse,
} from '@catalyst/plugin-observability-common';
import { InputError } from '@backstage/errors';
import { ObservabilityConfig } from '../config';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { scopeEntityLogQL, scopeEntityPromQL } from '../scope/scopeQuery';
import { BoundedRange } from './QueryLimits';
import { toTimeSeries } from './toTimeSeries';
import { LokiQueryData } from '../clients/LokiClient';
import { PrometheusQueryResult } from '../clients/PrometheusClient';

/**
 * PromQL and LogQL queries of one entity: every query is scoped before it is sent, and
 * answers are cut to the configured limits.
 */
export class ScopedQueryService {
  constructor(
    private readonly instances: ObservabilityInstances,
    private readonly limits: ObservabilityConfig['limits'],
  ) {}

  async instant(
    entity: Entity,
    matchers: LabelMatcher[],
    request: { query: string; time?: number },
  ): Promise<QueryResponse> {
    const client = this.instances.prometheusFor(entity);
    const scoped = scopeEntityPromQL(request.query, matchers);
    const result = await client.query({
      query: scoped,
      time: request.time,
      timeoutMs: this.limits.queryTimeoutMs,
    });
    return this.answer(entity, client.instance.name, scoped, result);
  }

  async range(
    entity: Entity,
    matchers: LabelMatcher[],
    request: { query: string; range: BoundedRange },
  ): Promise<QueryResponse> {
    const client = this.instances.prometheusFor(entity);
    const scoped = scopeEntityPromQL(request.query, matchers);
    const { start, end, stepSeconds } = request.range;
    const result = await client.queryRange({
      query: scoped,
      start,
      end,
      stepSeconds,
      timeoutMs: this.limits.queryTimeoutMs,
    });
    return {
      ...this.answer(entity, client.instance.name, scoped, result),
      range: { start, end, step: stepSeconds },
    };
  }

  /** Label names of the series in the entity's scope. */
  async labelNames(
    entity: Entity,
    matchers: LabelMatcher[],
    range: { start: number; end: number },
  ) {
    const client = this.instances.prometheusFor(entity);
    const labels = await client.labels({
      match: [
        scopeEntityPromQL(
          `{${matchers.map(formatLabelMatcher).join(', ')}}`,
          matchers,
        ),
      ],
      ...range,
    });
    return {
      entityRef: stringifyEntityRef(entity),
      instance: client.instance.name,
      labels,
    };
  }

  async logs(
    entity: Entity,
    matchers: LabelMatcher[],
    request: {
      query?: string;
      start: number;
      end: number;
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
    const client = this.instances.lokiFor(entity);
    // Without a query: every stream of the scope, which the scoper writes as one selector.
    const scoped = scopeEntityLogQL(
      request.query ?? `{${matchers.map(formatLabelMatcher).join(', ')}}`,
      matchers,
    );
    const data = await client.queryRange({
      query: scoped,
      start: request.start,
      end: request.end,
      limit,
      direction: request.direction,
    });
    const lines = logLines(data, request.direction ?? 'backward');
    return {
      entityRef: stringifyEntityRef(entity),
      instance: client.instance.name,
      query: { name: 'logs', query: scoped },
      lines,
      limitReached: lines.length >= limit,
    };
  }

  private answer(
    entity: Entity,
    instance: string,
    scoped: string,
    result: PrometheusQueryResult,
  ): QueryResponse {
    const series = toTimeSeries(result);
    return {
      entityRef: stringifyEntityRef(entity),
      instance,
      query: { name: 'query', query: scoped },
      resultType: result.resultType,
      series: series.slice(0, this.limits.maxSeries),
      truncated: series.length > this.limits.maxSeries,
      seriesTotal: series.length,
      warnings: result.warnings,
    };
  }
}

/** Flattens Loki streams into lines in the requested order. */
export function logLines(
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
  const sign = direction === 'forward' ? 1 : -1;
  return lines.sort((a, b) => {
    const diff = BigInt(a.timestampNs) - BigInt(b.timestampNs);
    if (diff === 0n) return 0;
    return diff > 0n ? sign : -sign;
  });
}
