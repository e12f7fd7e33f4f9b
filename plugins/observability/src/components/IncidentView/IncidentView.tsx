import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  GoldenSignalName,
  IncidentResponse,
} from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { ScopedQueries } from '../ScopedQueries';
import { TimeSeriesChart } from '../TimeSeriesChart';
import { incidentTimeline, IncidentTimelineItem } from './incidentTimeline';
import { InvestigationCard } from './InvestigationCard';
import type { LogsTabHref } from '../EntityLogsContent/logsTabLink';

const SIGNAL_TITLES: Record<GoldenSignalName, string> = {
  latency: 'Latency',
  traffic: 'Traffic',
  errors: 'Errors',
  saturation: 'Saturation',
};

const KIND_LABELS: Record<IncidentTimelineItem['kind'], string> = {
  'alert-fired': 'fired',
  'alert-resolved': 'resolved',
  'related-fired': 'related',
  'related-resolved': 'related',
  log: 'error log',
};

/**
 * What was happening around one alert: Catalyst's investigation of its episode (probable
 * causes, signal changes, error patterns, merged changes), golden signals over the window,
 * and the alert, related alerts and error log lines on one timeline, with trace links.
 *
 * @public
 */
export function IncidentView(props: {
  alertId: number;
  backHref?: string;
  /** Links the timeline to the entity's Logs tab on the incident's window. */
  logsHref?: LogsTabHref;
}) {
  const api = useApi(observabilityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getIncident({ alertId: props.alertId }),
    [api, props.alertId],
  );
  if (loading) return <Progress />;
  if (error) return <ObservabilityErrorPanel error={error} />;
  if (!value) return null;
  return (
    <IncidentDetails
      incident={value}
      backHref={props.backHref}
      logsHref={props.logsHref?.(value.window)}
    />
  );
}

function IncidentDetails(props: {
  incident: IncidentResponse;
  backHref?: string;
  logsHref?: string;
}) {
  const { incident, backHref, logsHref } = props;
  const { alert, window } = incident;
  const signals = Object.entries(incident.goldenSignals ?? {}) as [
    GoldenSignalName,
    NonNullable<IncidentResponse['goldenSignals']>[GoldenSignalName],
  ][];
  const timeline = incidentTimeline(incident);

  return (
    <Box>
      {backHref && <Link to={backHref}>← All alerts</Link>}
      <Box display="flex" alignItems="center" my={1} style={{ gap: 8 }}>
        <Typography variant="h5">{alert.alertName}</Typography>
        <Chip size="small" label={alert.status} />
        {alert.labels.severity && (
          <Chip size="small" label={alert.labels.severity} />
        )}
      </Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        {new Date(window.start).toLocaleString()} –{' '}
        {new Date(window.end).toLocaleString()}
      </Typography>
      {incident.warnings.map(warning => (
        <Box mb={1} key={warning}>
          <Alert severity="warning">{warning}</Alert>
        </Box>
      ))}
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <InvestigationCard alert={alert} />
        </Grid>
        {signals.map(([name, signal]) =>
          signal ? (
            <Grid item xs={12} md={6} key={name}>
              <InfoCard title={SIGNAL_TITLES[name]}>
                <TimeSeriesChart
                  title={SIGNAL_TITLES[name]}
                  series={signal.series}
                  unit={signal.unit}
                />
              </InfoCard>
            </Grid>
          ) : null,
        )}
        <Grid item xs={12} md={8}>
          <InfoCard
            title="Timeline"
            deepLink={
              logsHref
                ? { title: 'All logs of this window', link: logsHref }
                : undefined
            }
          >
            <List dense aria-label="Incident timeline">
              {timeline.map((item, index) => (
                <ListItem key={index} divider>
                  <ListItemText
                    primary={
                      <>
                        <Chip
                          size="small"
                          variant="outlined"
                          label={KIND_LABELS[item.kind]}
                        />{' '}
                        <span
                          style={{
                            fontFamily:
                              item.kind === 'log' ? 'monospace' : undefined,
                          }}
                        >
                          {item.title}
                        </span>
                        {item.traceUrl && (
                          <>
                            {' '}
                            <Link to={item.traceUrl}>trace</Link>
                          </>
                        )}
                      </>
                    }
                    secondary={`${new Date(item.time).toLocaleString()}${
                      item.detail ? ` · ${item.detail}` : ''
                    }`}
                  />
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard title="Traces">
            {incident.traceLinks.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No trace links
              </Typography>
            ) : (
              <List dense aria-label="Trace links">
                {incident.traceLinks.map(link => (
                  <ListItem key={link.url}>
                    <Link to={link.url}>{link.title}</Link>
                  </ListItem>
                ))}
              </List>
            )}
          </InfoCard>
        </Grid>
      </Grid>
      <Box mt={2}>
        <ScopedQueries
          queries={[
            ...signals.flatMap(([, s]) => s?.queries ?? []),
            ...(incident.errorLogsQuery
              ? [{ name: 'error logs', query: incident.errorLogsQuery }]
              : []),
          ]}
        />
      </Box>
    </Box>
  );
}
