import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AlertEvent } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { AlertTable } from './AlertTable';

// The history tab shows the latest alerts; older ones are rarely looked at here.
const HISTORY_LIMIT = 200;

/**
 * The alerts of an entity: those firing now and the history, from the alert events the
 * backend received. Each links to its incident view.
 *
 * @public
 */
export function AlertList(props: {
  entityRef: string;
  incidentHref: (alert: AlertEvent) => string;
}) {
  const { entityRef, incidentHref } = props;
  const [tab, setTab] = useState<'active' | 'history'>('active');
  return (
    <Box>
      <Typography variant="h6">Alerts</Typography>
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
        aria-label="Alerts"
      >
        <Tab value="active" label="Active" />
        <Tab value="history" label="History" />
      </Tabs>
      <Box role="tabpanel" pt={1}>
        <AlertTab
          key={tab}
          entityRef={entityRef}
          state={tab === 'active' ? 'active' : 'all'}
          label={tab === 'active' ? 'Active alerts' : 'Alert history'}
          incidentHref={incidentHref}
        />
      </Box>
    </Box>
  );
}

function AlertTab(props: {
  entityRef: string;
  state: 'active' | 'all';
  label: string;
  incidentHref: (alert: AlertEvent) => string;
}) {
  const api = useApi(observabilityApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.getAlerts({
        entityRef: props.entityRef,
        state: props.state,
        limit: props.state === 'all' ? HISTORY_LIMIT : undefined,
      }),
    [api, props.entityRef, props.state],
  );
  if (loading) return <Progress />;
  if (error) return <ObservabilityErrorPanel error={error} />;
  return (
    <AlertTable
      alerts={value?.items ?? []}
      label={props.label}
      incidentHref={props.incidentHref}
    />
  );
}
