import { GoldenSignalMetrics } from '@catalyst/plugin-observability-common';

const KUBERNETES_RESOURCES = {
  cpuUsage: 'container_cpu_usage_seconds_total',
  memoryUsage: 'container_memory_working_set_bytes',
  resourceLimits: 'kube_pod_container_resource_limits',
};

/** Prometheus client libraries' conventional HTTP histogram. */
export const PROMETHEUS_CLIENT_METRICS: GoldenSignalMetrics = {
  instrumentation: 'prometheus-client',
  requestDuration: 'http_request_duration_seconds',
  statusLabel: 'code',
  errorStatus: '5..',
  ...KUBERNETES_RESOURCES,
};

/** OpenTelemetry's http.server.request.duration as Prometheus exporters name it. */
export const OPENTELEMETRY_METRICS: GoldenSignalMetrics = {
  instrumentation: 'opentelemetry',
  requestDuration: 'http_server_request_duration_seconds',
  statusLabel: 'http_response_status_code',
  errorStatus: '5..',
  ...KUBERNETES_RESOURCES,
};

/** Status label names Prometheus client instrumentations use, in order of preference. */
export const PROMETHEUS_CLIENT_STATUS_LABELS = [
  'code',
  'status',
  'status_code',
];
