import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  GoldenSignal,
  GoldenSignalName,
  GoldenSignalsResponse,
  LabelMatcher,
} from '@catalyst/plugin-observability-common';
import { ObservabilityConfig } from '../config';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { BoundedRange } from '../queries/QueryLimits';
import { toTimeSeries } from '../queries/toTimeSeries';
import { scopeEntityPromQL } from '../scope/scopeQuery';
import { goldenSignalQueries } from './goldenSignalQueries';
import { resolveGoldenSignalMetrics } from './resolveGoldenSignalMetrics';

const UNITS: Record<GoldenSignalName, GoldenSignal['unit']> = {
  latency: 'seconds',
  traffic: 'requests_per_second',
  errors: 'ratio',
  saturation: 'ratio',
};

/** Latency, traffic, errors and saturation of one entity over a time range. */
export class GoldenSignalsService {
  constructor(
    private readonly instances: ObservabilityInstances,
    private readonly config: Pick<
      ObservabilityConfig,
      'goldenSignals' | 'limits'
    >,
  ) {}

  async read(
    entity: Entity,
    matchers: LabelMatcher[],
    range: BoundedRange,
    signals: GoldenSignalName[] = [
      'latency',
      'traffic',
      'errors',
      'saturation',
    ],
  ): Promise<GoldenSignalsResponse> {
    const prometheus = this.instances.prometheusFor(entity);
    const { metrics, source } = await resolveGoldenSignalMetrics({
      entity,
      matchers,
      prometheus,
      config: this.config.goldenSignals,
      now: range.end,
    });
    const queries = goldenSignalQueries(
      metrics,
      this.config.goldenSignals.rateWindow,
    );
    const entries = await Promise.all(
      signals.map(async (signal): Promise<[GoldenSignalName, GoldenSignal]> => {
        const scoped = queries[signal].map(q => ({
          name: q.name,
          query: scopeEntityPromQL(q.query, matchers),
        }));
        const results = await Promise.all(
          scoped.map(q =>
            prometheus.queryRange({
              query: q.query,
              start: range.start,
              end: range.end,
              stepSeconds: range.stepSeconds,
              timeoutMs: this.config.limits.queryTimeoutMs,
            }),
          ),
        );
        const series = results.flatMap((result, i) =>
          toTimeSeries(result).map(s => ({
            ...s,
            labels: { ...s.labels, signal: scoped[i].name },
          })),
        );
        return [signal, { unit: UNITS[signal], series, queries: scoped }];
      }),
    );
    const empty: GoldenSignal = { unit: 'ratio', series: [], queries: [] };
    const bySignal = Object.fromEntries(entries) as Record<
      GoldenSignalName,
      GoldenSignal
    >;
    return {
      entityRef: stringifyEntityRef(entity),
      instance: prometheus.instance.name,
      metrics,
      metricsSource: source,
      range: { start: range.start, end: range.end, step: range.stepSeconds },
      signals: {
        latency: bySignal.latency ?? { ...empty, unit: UNITS.latency },
        traffic: bySignal.traffic ?? { ...empty, unit: UNITS.traffic },
        errors: bySignal.errors ?? empty,
        saturation: bySignal.saturation ?? empty,
      },
    };
  }
}
