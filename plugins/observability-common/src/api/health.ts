/**
 * Health of one configured Prometheus, Loki or Alertmanager instance.
 *
 * @public
 */
export type InstanceHealth = {
  kind: 'prometheus' | 'loki' | 'alertmanager';
  name: string;
  baseUrl: string;
  status: 'up' | 'down';
  /** Server version when it reports one. */
  version?: string;
  /** Round trip of the health check in milliseconds. */
  latencyMs: number;
  /** Why the instance is down. */
  error?: string;
};

/**
 * Answer of `GET /health`.
 *
 * @public
 */
export type InstancesHealthResponse = {
  items: InstanceHealth[];
};
