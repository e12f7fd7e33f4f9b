import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GoldenSignalName } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { GoldenSignalPanel } from './GoldenSignalPanel';
import type { LogsTabHref } from '../EntityLogsContent/logsTabLink';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { ScopedQueries } from '../ScopedQueries';
import {
  TimeRangeKey,
  TimeRangePicker,
  timeWindowOf,
} from '../TimeRangePicker';

const PANELS: { name: GoldenSignalName; title: string; subheader: string }[] = [
  { name: 'latency', title: 'Latency', subheader: 'p50 / p95 / p99' },
  { name: 'traffic', title: 'Traffic', subheader: 'requests per second' },
  { name: 'errors', title: 'Errors', subheader: 'share of 5xx responses' },
  {
    name: 'saturation',
    title: 'Saturation',
    subheader: 'CPU and memory against limits',
  },
];

/**
 * The four golden signals of an entity over a chosen window, with the scoped queries
 * that produced them.
 *
 * @public
 */
export function GoldenSignalDashboard(props: {
  entityRef: string;
  initialRange?: TimeRangeKey;
  /** Links each panel to the entity's Logs tab on the same window. */
  logsHref?: LogsTabHref;
}) {
  const { entityRef, logsHref } = props;
  const api = useApi(observabilityApiRef);
  const [range, setRange] = useState<TimeRangeKey>(props.initialRange ?? '1h');
  const { value, loading, error } = useAsync(
    () =>
      api.getGoldenSignals({ entityRef, ...timeWindowOf(range, Date.now()) }),
    [api, entityRef, range],
  );

  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mb={2}
      >
        <Typography variant="h6">Golden signals</Typography>
        <TimeRangePicker value={range} onChange={setRange} />
      </Box>
      {loading && <Progress />}
      {!loading && error && <ObservabilityErrorPanel error={error} />}
      {!loading && value && (
        <>
          <Typography variant="caption" color="textSecondary" paragraph>
            Prometheus instance {value.instance} ·{' '}
            {value.metrics.requestDuration} ({value.metricsSource})
          </Typography>
          <Grid container spacing={2}>
            {PANELS.map(panel => (
              <Grid item xs={12} md={6} key={panel.name}>
                <GoldenSignalPanelSlot
                  {...panel}
                  signal={value.signals[panel.name]}
                  logsHref={logsHref?.({ range })}
                />
              </Grid>
            ))}
          </Grid>
          <Box mt={2}>
            <ScopedQueries
              queries={PANELS.flatMap(
                p => value.signals[p.name]?.queries ?? [],
              )}
            />
          </Box>
        </>
      )}
    </Box>
  );
}

function GoldenSignalPanelSlot(
  props: (typeof PANELS)[number] & {
    signal: Parameters<typeof GoldenSignalPanel>[0]['signal'] | undefined;
    logsHref?: string;
  },
) {
  if (!props.signal) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.title}: not returned by the backend
      </Typography>
    );
  }
  return (
    <GoldenSignalPanel
      title={props.title}
      subheader={props.subheader}
      signal={props.signal}
      logsHref={props.logsHref}
    />
  );
}
