/**
 * An alert received from Alertmanager's webhook and kept in the alert history.
 *
 * @public
 */
export type AlertEvent = {
  id: number;
  fingerprint: string;
  alertName: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** RFC 3339. */
  startsAt: string;
  /** RFC 3339; absent while the alert fires. */
  endsAt?: string;
  /** The entity whose scope the labels matched, when one did. */
  entityRef?: string;
  /** The Catalyst alert rule that produced the alert, when it was one of ours. */
  ruleId?: number;
  generatorUrl?: string;
  /** RFC 3339: when the last notification about the alert arrived. */
  receivedAt: string;
};

/**
 * Query string of `GET /entities/:kind/:namespace/:name/alerts`.
 *
 * @public
 */
export type AlertsRequest = {
  /** `active` (firing), `resolved` or `all` (default). */
  state?: 'active' | 'resolved' | 'all';
  /** RFC 3339 or Unix seconds: only alerts that started at or after it. */
  since?: string;
  limit?: string;
};

/**
 * Answer of the entity alerts route: the alert history filtered on the server.
 *
 * @public
 */
export type AlertsResponse = {
  entityRef: string;
  items: AlertEvent[];
};

/**
 * An alert as Alertmanager reports it right now (`GET .../alerts/live`).
 *
 * @public
 */
export type LiveAlert = {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  inhibitedBy: string[];
  generatorUrl?: string;
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/alerts/live`, filtered by Alertmanager
 * with the entity's scope matchers.
 *
 * @public
 */
export type LiveAlertsResponse = {
  entityRef: string;
  instance: string;
  items: LiveAlert[];
};

/**
 * Answer of `POST /webhooks/alertmanager`.
 *
 * @public
 */
export type AlertWebhookResponse = {
  received: number;
  /** How many alerts were linked to an entity. */
  linked: number;
};
