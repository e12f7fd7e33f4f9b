import { LabelMatcher, LiveAlert } from '@catalyst/plugin-observability-common';
import {
  AlertmanagerAlert,
  AlertmanagerClient,
} from '../clients/AlertmanagerClient';
import { ENTITY_REF_LABEL } from '../rules/ruleLabels';

function toLiveAlert(alert: AlertmanagerAlert): LiveAlert {
  return {
    fingerprint: alert.fingerprint,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    state: alert.status.state,
    silencedBy: alert.status.silencedBy,
    inhibitedBy: alert.status.inhibitedBy,
    generatorUrl: alert.generatorURL,
  };
}

/**
 * The entity's alerts Alertmanager holds right now, filtered by Alertmanager itself: those
 * whose labels match the entity's scope, and those Catalyst's rules labelled with its ref.
 */
export async function readLiveAlerts(
  client: AlertmanagerClient,
  entityRef: string,
  matchers: LabelMatcher[],
): Promise<LiveAlert[]> {
  const [byScope, byRef] = await Promise.all([
    client.alerts({ filter: matchers }),
    client.alerts({
      filter: [{ name: ENTITY_REF_LABEL, op: '=', value: entityRef }],
    }),
  ]);
  const seen = new Map<string, LiveAlert>();
  for (const alert of [...byScope, ...byRef]) {
    seen.set(alert.fingerprint, toLiveAlert(alert));
  }
  return [...seen.values()].sort((a, b) =>
    b.startsAt.localeCompare(a.startsAt),
  );
}
