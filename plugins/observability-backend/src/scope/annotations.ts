/** Kubernetes namespace of an entity's workloads (Backstage's Kubernetes plugin). */
export const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
/** Kubernetes label selector of an entity's workloads (Backstage's Kubernetes plugin). */
export const LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
/** Explicit scope: `k=v,k2=~re` label matchers, for workloads outside Kubernetes. */
export const OBSERVABILITY_LABELS_ANNOTATION =
  'catalyst.dev/observability-labels';
/** Metric names of the golden signals, JSON (see GoldenSignalMetrics). */
export const GOLDEN_SIGNALS_ANNOTATION = 'catalyst.dev/golden-signals';
/** Instance names, when an entity does not use the first configured instance. */
export const INSTANCE_ANNOTATIONS = {
  prometheus: 'catalyst.dev/prometheus-instance',
  logs: 'catalyst.dev/logs-instance',
  alertmanager: 'catalyst.dev/alertmanager-instance',
} as const;
