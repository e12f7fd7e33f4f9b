/**
 * Kubernetes namespace of an entity's workloads (Backstage's Kubernetes plugin).
 *
 * @public
 */
export const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/**
 * Kubernetes label selector of an entity's workloads (Backstage's Kubernetes plugin).
 *
 * @public
 */
export const LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * Explicit scope: `k=v,k2=~"a|b"` label matchers, for workloads outside Kubernetes.
 *
 * @public
 */
export const OBSERVABILITY_LABELS_ANNOTATION =
  'catalyst.dev/observability-labels';

/**
 * The kinds of server an entity's telemetry is read from.
 *
 * @public
 */
export type ObservabilityInstanceKind = 'prometheus' | 'logs' | 'alertmanager';

/**
 * Every instance kind, in the order the plugin reports them.
 *
 * @public
 */
export const OBSERVABILITY_INSTANCE_KINDS: readonly ObservabilityInstanceKind[] =
  ['prometheus', 'logs', 'alertmanager'];

/**
 * Annotations naming the instance an entity uses, when not the first configured one.
 *
 * @public
 */
export const INSTANCE_ANNOTATIONS: Readonly<
  Record<ObservabilityInstanceKind, string>
> = {
  prometheus: 'catalyst.dev/prometheus-instance',
  logs: 'catalyst.dev/logs-instance',
  alertmanager: 'catalyst.dev/alertmanager-instance',
};

/**
 * Every annotation that makes up an entity's observability scope claim.
 *
 * @public
 */
export const SCOPE_CLAIM_ANNOTATIONS: readonly string[] = [
  NAMESPACE_ANNOTATION,
  LABEL_SELECTOR_ANNOTATION,
  OBSERVABILITY_LABELS_ANNOTATION,
  ...Object.values(INSTANCE_ANNOTATIONS),
];
