/**
 * What an alert rule watches: the golden signal it is computed from.
 *
 * @public
 */
export type AlertSignalType =
  | 'latency'
  | 'error_rate'
  | 'traffic'
  | 'saturation';

/**
 * Threshold comparison of an alert rule.
 *
 * @public
 */
export type AlertOperator = 'gt' | 'lt' | 'gte' | 'lte';

/**
 * Where an alert rule's notifications go, rendered into Alertmanager receivers.
 *
 * @public
 */
export type NotificationChannel =
  | { type: 'slack'; channel: string; webhookUrl?: string }
  | { type: 'email'; to: string }
  | { type: 'webhook'; url: string };

/**
 * A stored alert rule of one entity.
 *
 * - Threshold rules fire when the signal compares to `threshold` with `operator` for
 *   `duration`. Latency is the `quantile` (default 0.95) in seconds, error rate a ratio
 *   (0.05 = 5 %), traffic requests per second, saturation the larger of CPU and memory use
 *   against limits (a ratio).
 * - With an `objective` (0.999 = 99.9 %) the rule is an SLO: multi-window multi-burn-rate
 *   alerts on the error budget. For `error_rate` the SLI is the share of non-error
 *   requests; for `latency` the share of requests faster than `threshold` seconds (which
 *   must be a bucket boundary of the histogram).
 *
 * @public
 */
export type AlertRule = {
  id: number;
  entityRef: string;
  signalType: AlertSignalType;
  threshold: number;
  operator: AlertOperator;
  /** Prometheus duration such as `5m`: how long the condition must hold. */
  duration: string;
  severity: 'critical' | 'warning' | 'info';
  enabled: boolean;
  /** Latency quantile, between 0 and 1 (exclusive). Only for `latency` threshold rules. */
  quantile?: number;
  /** SLO objective, between 0 and 1 (exclusive). */
  objective?: number;
  description?: string;
  notificationChannels: NotificationChannel[];
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339. */
  updatedAt: string;
};

/**
 * Body of `POST /entities/:kind/:namespace/:name/rules`.
 *
 * @public
 */
export type CreateAlertRuleRequest = {
  signalType: AlertSignalType;
  threshold: number;
  operator?: AlertOperator;
  duration?: string;
  severity?: AlertRule['severity'];
  enabled?: boolean;
  quantile?: number;
  objective?: number;
  description?: string;
  notificationChannels?: NotificationChannel[];
};

/**
 * Body of `PUT /rules/:id`: the fields to change.
 *
 * @public
 */
export type UpdateAlertRuleRequest = Partial<CreateAlertRuleRequest>;

/**
 * What happened to the Prometheus rules of the entity after a change.
 *
 * - `applied`: in standalone mode the rule file was written and Prometheus reloaded; in
 *   kubernetes mode the entity's PrometheusRule was applied (or deleted: no enabled rules);
 * - `not-configured`: the entity's Prometheus instance has no rule directory, the rules are
 *   stored only;
 *
 * @public
 */
export type RuleApplication = {
  status: 'applied' | 'not-configured';
  instance: string;
  /** How the rules reach Prometheus: rule files, or PrometheusRule objects. */
  mode?: 'standalone' | 'kubernetes';
  /** The rule file written, for `applied` in standalone mode. */
  file?: string;
  /** The entity's PrometheusRule, in kubernetes mode. */
  prometheusRule?: { namespace: string; name: string };
  /** Whether `promtool check rules` validated the file (false when it is not installed). */
  validatedWithPromtool: boolean;
  message?: string;
};

/**
 * Answer of the rule routes that change rules.
 *
 * @public
 */
export type AlertRuleMutationResponse = {
  rule?: AlertRule;
  application: RuleApplication;
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/rules`.
 *
 * @public
 */
export type AlertRulesResponse = {
  entityRef: string;
  items: AlertRule[];
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/rules/rendered`: the Prometheus rule file
 * and the Alertmanager configuration snippet (route and receivers) for the entity.
 *
 * @public
 */
export type RenderedAlertingConfig = {
  entityRef: string;
  /** Prometheus rule file (YAML), as written to the rule directory. */
  prometheusRules: string;
  /** Alertmanager `route` and `receivers` (YAML) to merge into alertmanager.yml. */
  alertmanagerConfig: string;
};
