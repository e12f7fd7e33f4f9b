/**
 * Overall state of an `ObservabilityStack`, derived from its conditions and generations:
 * `healthy` when Ready is True for the current generation, `degraded` when Degraded is True,
 * `progressing` while the operator works on it or has not yet seen its latest spec, and
 * `unknown` when the status says nothing conclusive (e.g. no operator has written it yet).
 *
 * @public
 */
export type ObservabilityStackHealth =
  | 'healthy'
  | 'progressing'
  | 'degraded'
  | 'unknown';

/**
 * One condition (Ready, Progressing or Degraded) of an `ObservabilityStack`.
 *
 * @public
 */
export type ObservabilityStackCondition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  /** Machine-readable cause, e.g. `Reconciled`, `Installing`, `InstallFailed`. */
  reason?: string;
  /** Human-readable detail, e.g. Helm's error. */
  message?: string;
  /** RFC 3339 time the status last changed. */
  lastTransitionTime?: string;
  /** Generation of the stack the condition was set for. */
  observedGeneration?: number;
};

/**
 * A Helm release the operator installed for the stack.
 *
 * @public
 */
export type ObservabilityStackRelease = {
  /**
   * Which part of the stack the release is: kube-prometheus-stack, the victoria-logs-single
   * log store, or the opt-in Loki.
   */
  component: 'prometheus' | 'victoriaLogs' | 'loki';
  /** Helm release name in the stack's namespace. */
  name: string;
  chart?: string;
  /** Chart version. */
  version?: string;
  /** Helm revision. */
  revision?: number;
  /** Helm's status of that revision, e.g. `deployed` or `failed`. */
  status?: string;
};

/**
 * In-cluster base URLs the operator reports; a key is missing when the component is not
 * installed.
 *
 * @public
 */
export type ObservabilityStackEndpoints = {
  prometheus?: string;
  alertmanager?: string;
  /** The VictoriaLogs HTTP API (LogsQL). */
  victoriaLogs?: string;
  /** The opt-in Loki's HTTP API. */
  loki?: string;
};

/**
 * What the portal shows of one `ObservabilityStack` (platform.catalyst.dev/v1alpha1).
 *
 * @public
 */
export type ObservabilityStackSummary = {
  /** Name of the Kubernetes cluster (kubeconfig cluster) the stack was read from. */
  cluster: string;
  namespace: string;
  name: string;
  /** `metadata.generation`: bumped by every spec change. */
  generation: number;
  /** `status.observedGeneration`: the generation the status describes. */
  observedGeneration?: number;
  /** Ready is True and the status describes the current generation. */
  ready: boolean;
  health: ObservabilityStackHealth;
  conditions: ObservabilityStackCondition[];
  releases: ObservabilityStackRelease[];
  endpoints: ObservabilityStackEndpoints;
};

/**
 * Answer of `GET /stacks`, sorted by namespace and name.
 *
 * @public
 */
export type ObservabilityStacksResponse = {
  items: ObservabilityStackSummary[];
};
