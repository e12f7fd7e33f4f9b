import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  formatLabelMatcher,
  LabelMatcher,
  PromQLLookbackLimits,
  QueryResponse,
} from '@catalyst/plugin-observability-common';
import { ObservabilityConfig } from '../config';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { scopeEntityPromQL } from '../scope/scopeQuery';
import { BoundedRange } from './QueryLimits';
import { toTimeSeries } from './toTimeSeries';
import { PrometheusQueryResult } from '../clients/PrometheusClient';

/**
 * PromQL queries of one entity: every query is scoped before it is sent, and
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
    const time = request.time ?? Date.now();
    const scoped = scopeEntityPromQL(
      request.query,
      matchers,
      this.lookbackLimits({ start: time, end: time }),
    );
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
    const { start, end, stepSeconds } = request.range;
    const scoped = scopeEntityPromQL(
      request.query,
      matchers,
      this.lookbackLimits({ start, end }),
    );
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

  /** User queries read at most `maxLookback` back, with subqueries as dense as ranges. */
  private lookbackLimits(window: {
    start: number;
    end: number;
  }): PromQLLookbackLimits {
    return {
      maxLookbackMs: this.limits.maxLookbackMs,
      maxSubqueryPoints: this.limits.maxPoints,
      window,
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
