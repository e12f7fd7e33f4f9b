import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AlertEvent,
  AlertsResponse,
  IncidentResponse,
} from '@catalyst/plugin-observability-common';
import { pluginRequester } from '@catalyst/backend-common';

/**
 * The incident evidence of an alert from the observability backend, read with this
 * plugin's service credentials through the entity-scoped routes: the same scoping and
 * permission checks as for a person looking at the incident view.
 */
export class ObservabilityEvidence {
  private readonly send: ReturnType<typeof pluginRequester>;

  constructor(deps: { discovery: DiscoveryService; auth: AuthService }) {
    this.send = pluginRequester(deps, 'observability');
  }

  /** The stored alert occurrence with this fingerprint and start, if the history has it. */
  async findAlert(
    entityRef: string,
    fingerprint: string,
    startsAt: string,
  ): Promise<AlertEvent | undefined> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const query = new URLSearchParams({
      state: 'all',
      since: new Date(Date.parse(startsAt) - 1000).toISOString(),
      limit: '1000',
    });
    const { items } = await this.send<AlertsResponse>(
      `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}/alerts?${query}`,
    );
    const start = Date.parse(startsAt);
    return items.find(
      a => a.fingerprint === fingerprint && Date.parse(a.startsAt) === start,
    );
  }

  /** Golden signals, error logs and overlapping alerts around the alert. */
  incident(alertId: number): Promise<IncidentResponse> {
    return this.send<IncidentResponse>(`/alerts/${alertId}/incident`);
  }
}
