import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import type { AlertEvent } from '@catalyst/plugin-observability-common';
import { useCallback } from 'react';
import { ALERT_QUERY_PARAM, OBSERVABILITY_TAB_PATH } from '../../routes';
import { AlertList } from '../AlertList';
import { useLogsTabHref } from '../EntityLogsContent/logsTabLink';
import { GoldenSignalDashboard } from '../GoldenSignalDashboard';

/** The component's alerts on its overview; an alert opens its incident in the Observability tab. */
export function EntityAlertsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityRefLink();
  const incidentHref = useCallback(
    (alert: AlertEvent) =>
      `${entityLink(entityRef)}/${OBSERVABILITY_TAB_PATH}?${new URLSearchParams(
        { [ALERT_QUERY_PARAM]: String(alert.id) },
      )}`,
    [entityLink, entityRef],
  );
  return (
    <InfoCard>
      <AlertList entityRef={entityRef} incidentHref={incidentHref} />
    </InfoCard>
  );
}

/** The component's golden signals (rate, errors, latency, saturation) on its overview. */
export function EntityGoldenSignalsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const logsHref = useLogsTabHref(entityRef);
  return (
    <InfoCard title="Golden signals">
      <GoldenSignalDashboard entityRef={entityRef} logsHref={logsHref} />
    </InfoCard>
  );
}
