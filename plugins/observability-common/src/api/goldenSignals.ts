import { ScopedQuery, TimeSeries } from './series';

/**
 * The instrumentation whose metric names the golden-signal queries use.
 *
 * - `prometheus-client`: `http_request_duration_seconds` histograms (Prometheus client
 *   libraries), status in label `code` or `status`;
 * - `opentelemetry`: `http.server.request.duration` exported to Prometheus as
 *   `http_server_request_duration_seconds`, status in `http_response_status_code`;
 * - `custom`: names from the `catalyst.dev/golden-signals` annotation or config.
 *
 * @public
 */
export type GoldenSignalInstrumentation =
  | 'prometheus-client'
  | 'opentelemetry'
  | 'custom';

/**
 * Metric names the golden-signal queries of one entity are built from.
 *
 * @public
 */
export type GoldenSignalMetrics = {
  instrumentation: GoldenSignalInstrumentation;
  /** Histogram base name; `_bucket` and `_count` are appended. */
  requestDuration: string;
  /** Label holding the HTTP status code on the histogram. */
  statusLabel: string;
  /** Regex (RE2) of status values that count as errors. Default `5..`. */
  errorStatus: string;
  /** Container CPU seconds counter (cAdvisor). */
  cpuUsage: string;
  /** Container working-set memory gauge (cAdvisor). */
  memoryUsage: string;
  /** Resource limits gauge with a `resource` label of `cpu` / `memory` (kube-state-metrics). */
  resourceLimits: string;
};

/**
 * The four golden signals.
 *
 * @public
 */
export type GoldenSignalName = 'latency' | 'traffic' | 'errors' | 'saturation';

/**
 * One golden signal: its series (one per query) and the scoped queries that produced them.
 *
 * @public
 */
export type GoldenSignal = {
  unit: 'seconds' | 'requests_per_second' | 'ratio';
  /** Series labelled with `signal` = the query name (`p50`, `p95`, `p99`, `cpu`, ...). */
  series: TimeSeries[];
  queries: ScopedQuery[];
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/golden-signals`.
 *
 * @public
 */
export type GoldenSignalsResponse = {
  entityRef: string;
  instance: string;
  metrics: GoldenSignalMetrics;
  /** How the metric names were chosen. */
  metricsSource: 'annotation' | 'config' | 'detected' | 'default';
  range: { start: number; end: number; step: number };
  signals: Record<GoldenSignalName, GoldenSignal>;
};
