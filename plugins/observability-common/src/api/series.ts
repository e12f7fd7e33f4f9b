/**
 * One time series as the observability API returns it: its labels and its points as two
 * arrays of equal length. `null` stands for a value JSON cannot carry (NaN, ±Inf), such as
 * an error ratio over a window without requests.
 *
 * @public
 */
export type TimeSeries = {
  labels: Record<string, string>;
  /** Unix time in milliseconds, ascending. */
  timestamps: number[];
  values: (number | null)[];
};

/**
 * A PromQL, LogsQL or LogQL query as it was sent, after scoping.
 *
 * @public
 */
export type ScopedQuery = {
  /** What the query is for, e.g. `p95` or `errors`. */
  name: string;
  /** The query text sent to the server, scope matchers included. */
  query: string;
};

/**
 * The label matchers an entity's queries are scoped to, and where they came from.
 *
 * @public
 */
export type EntityScope = {
  entityRef: string;
  /** Matchers added to every selector of every query, e.g. `namespace="payments"`. */
  matchers: { name: string; op: '=' | '!=' | '=~' | '!~'; value: string }[];
  /**
   * The annotations the matchers were read from: `catalyst.dev/observability-labels` alone,
   * or `backstage.io/kubernetes-namespace` and/or `backstage.io/kubernetes-label-selector`.
   */
  sources: (
    | 'backstage.io/kubernetes-namespace'
    | 'backstage.io/kubernetes-label-selector'
    | 'catalyst.dev/observability-labels'
  )[];
  /** The Prometheus, log store and Alertmanager instances chosen for the entity, by name. */
  instances: {
    prometheus?: string;
    logs?: string;
    alertmanager?: string;
  };
};
