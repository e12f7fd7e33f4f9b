import {
  GoldenSignalMetrics,
  GoldenSignalName,
} from '@catalyst/plugin-observability-common';
import { quoteLabelValue } from '@catalyst/plugin-observability-common';

/** An unscoped golden-signal query: scope it before sending. */
export type GoldenSignalQuery = { name: string; query: string };

/** Latency quantiles the dashboard shows. */
export const LATENCY_QUANTILES = [
  { name: 'p50', quantile: 0.5 },
  { name: 'p95', quantile: 0.95 },
  { name: 'p99', quantile: 0.99 },
];

/** `histogram_quantile(q, sum by (le) (rate(<metric>_bucket[w])))`. */
export function latencyQuery(
  metrics: GoldenSignalMetrics,
  quantile: number,
  window: string,
): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(${metrics.requestDuration}_bucket[${window}])))`;
}

/** Requests per second. */
export function trafficQuery(
  metrics: GoldenSignalMetrics,
  window: string,
): string {
  return `sum(rate(${metrics.requestDuration}_count[${window}]))`;
}

/** Share of requests whose status matches `errorStatus`; 0 (not empty) when none failed. */
export function errorRatioQuery(
  metrics: GoldenSignalMetrics,
  window: string,
): string {
  const count = `${metrics.requestDuration}_count`;
  const errors = `${count}{${metrics.statusLabel}=~${quoteLabelValue(
    metrics.errorStatus,
  )}}`;
  return `(sum(rate(${errors}[${window}])) or vector(0)) / sum(rate(${count}[${window}]))`;
}

/** CPU seconds used per second against the CPU limit (cAdvisor / kube-state-metrics). */
export function cpuSaturationQuery(
  metrics: GoldenSignalMetrics,
  window: string,
): string {
  return `sum(rate(${metrics.cpuUsage}{container!=""}[${window}])) / sum(${metrics.resourceLimits}{resource="cpu"})`;
}

/** Working-set memory against the memory limit. */
export function memorySaturationQuery(metrics: GoldenSignalMetrics): string {
  return `sum(${metrics.memoryUsage}{container!=""}) / sum(${metrics.resourceLimits}{resource="memory"})`;
}

/** Every golden-signal query of an entity, by signal, before scoping. */
export function goldenSignalQueries(
  metrics: GoldenSignalMetrics,
  window: string,
): Record<GoldenSignalName, GoldenSignalQuery[]> {
  return {
    latency: LATENCY_QUANTILES.map(({ name, quantile }) => ({
      name,
      query: latencyQuery(metrics, quantile, window),
    })),
    traffic: [{ name: 'requests', query: trafficQuery(metrics, window) }],
    errors: [{ name: 'error_ratio', query: errorRatioQuery(metrics, window) }],
    saturation: [
      { name: 'cpu', query: cpuSaturationQuery(metrics, window) },
      { name: 'memory', query: memorySaturationQuery(metrics) },
    ],
  };
}
