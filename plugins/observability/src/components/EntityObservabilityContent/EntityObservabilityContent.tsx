import { stringifyEntityRef } from '@backstage/catalog-model';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { AlertEvent } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ALERT_QUERY_PARAM, VIEW_QUERY_PARAM } from '../../routes';
import { AlertList } from '../AlertList';
import { AlertRules } from '../AlertRules';
import { useLogsTabHref } from '../EntityLogsContent/logsTabLink';
import { GoldenSignalDashboard } from '../GoldenSignalDashboard';
import { IncidentView } from '../IncidentView';
import { MetricExplorer } from '../MetricExplorer';

const incidentHref = (alert: AlertEvent) =>
  `?${new URLSearchParams({ [ALERT_QUERY_PARAM]: String(alert.id) })}`;

/**
 * The Observability tab of a component: golden signals, alerts and alert rules, the metric explorer,
 * or one alert's incident when the URL names it (`?alert=17`).
 */
export function EntityObservabilityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [params, setParams] = useAppSearchParams();
  const logsHref = useLogsTabHref(entityRef);
  const alertId = Number(params.get(ALERT_QUERY_PARAM));

  if (Number.isInteger(alertId) && alertId > 0) {
    return <IncidentView alertId={alertId} backHref="?" logsHref={logsHref} />;
  }
  const view =
    params.get(VIEW_QUERY_PARAM) === 'explore' ? 'explore' : 'signals';
  return (
    <Box>
      <Tabs
        value={view}
        onChange={(_, next) =>
          setParams(next === 'explore' ? { [VIEW_QUERY_PARAM]: 'explore' } : {})
        }
        indicatorColor="primary"
        aria-label="Observability views"
      >
        <Tab value="signals" label="Signals & alerts" />
        <Tab value="explore" label="Explore" />
      </Tabs>
      <Box pt={2}>
        {view === 'signals' ? (
          <>
            <GoldenSignalDashboard entityRef={entityRef} logsHref={logsHref} />
            <Box mt={4}>
              <AlertList entityRef={entityRef} incidentHref={incidentHref} />
            </Box>
            <Box mt={4}>
              <AlertRules entityRef={entityRef} />
            </Box>
          </>
        ) : (
          <MetricExplorer entityRef={entityRef} />
        )}
      </Box>
    </Box>
  );
}
