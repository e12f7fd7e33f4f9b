import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import type { ObservabilityApi } from '../../api';

const ANY_METRIC = '{__name__=~".+"}';

/**
 * The PromQL editor's completion source, backed by the entity's scoped routes instead of
 * a Prometheus server: it only ever proposes label names, values and metrics the entity
 * can see.
 */
export function scopedPrometheusClient(
  api: ObservabilityApi,
  entityRef: string,
): PrometheusClient {
  async function labelValues(labelName: string, metricName?: string) {
    const result = await api.query({
      entityRef,
      query: `count by (${labelName}) (${metricName || ANY_METRIC})`,
    });
    const values = new Set<string>();
    for (const series of result.series) {
      const value = series.labels[labelName];
      if (value !== undefined) values.add(value);
    }
    return [...values].sort();
  }

  return {
    async labelNames() {
      const { labels } = await api.getLabelNames({ entityRef });
      return labels.filter(label => label !== '__name__');
    },
    labelValues,
    async metricNames() {
      return labelValues('__name__');
    },
    async series(metricName: string) {
      const result = await api.query({ entityRef, query: metricName });
      return result.series.map(
        s => new Map(Object.entries({ __name__: metricName, ...s.labels })),
      );
    },
    async metricMetadata() {
      return {};
    },
    async flags() {
      return {};
    },
  };
}
