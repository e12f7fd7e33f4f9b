/**
 * Health of one configured Prometheus, log store (VictoriaLogs or Loki) or Alertmanager
 * instance.
 *
 * @public
 */
export type InstanceHealth = {
  kind: 'prometheus' | 'logs' | 'alertmanager';
  /** For a log store: `victorialogs` or `loki`. */
  type?: 'victorialogs' | 'loki';
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
