import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { ObservabilityInstanceKind } from './describeObservabilityError';

const MISSING: Record<
  ObservabilityInstanceKind,
  { title: string; shows: string; config: string }
> = {
  prometheus: {
    title: 'No Prometheus is configured',
    shows: 'golden signals, the metric explorer and alert rules',
    config: `observability:
  prometheus:
    instances:
      - name: main
        baseUrl: http://prometheus.example.internal:9090`,
  },
  logs: {
    title: 'No log store is configured',
    shows: 'the Logs tab and the log lines of incidents',
    config: `observability:
  logs:
    instances:
      - name: main
        type: victorialogs
        baseUrl: http://victorialogs.example.internal:9428`,
  },
  alertmanager: {
    title: 'No Alertmanager is configured',
    shows: 'the alerts Alertmanager reports as firing now',
    config: `observability:
  alertmanager:
    instances:
      - name: main
        baseUrl: http://alertmanager.example.internal:9093
    webhookSecret: \${ALERTMANAGER_WEBHOOK_SECRET}`,
  },
};

/** What is missing when the backend has no instance of a kind, and the ways to get one. */
export function MissingInstancePanel(props: {
  missing: ObservabilityInstanceKind;
  message: string;
}) {
  const missing = MISSING[props.missing];
  return (
    <Alert severity="info">
      <AlertTitle>{missing.title}</AlertTitle>
      <Typography variant="body2" paragraph>
        Catalyst needs one for {missing.shows}. The backend says: “
        {props.message}”.
      </Typography>
      <Typography variant="body2" paragraph>
        To try it on this machine, start the portal with{' '}
        <code>./scripts/start.sh</code> (without <code>--no-demo</code>): it
        runs a demo Prometheus, Alertmanager and VictoriaLogs on 127.0.0.1 and
        points the portal at them. Prometheus and Alertmanager come from the
        Debian packages <code>prometheus</code> and{' '}
        <code>prometheus-alertmanager</code> (
        <code>scripts/observability.sh install</code>, as root); VictoriaLogs is
        built with Go by <code>scripts/victorialogs.sh</code>. When one cannot
        be installed, start.sh names it in its output.
      </Typography>
      <Typography variant="body2">
        To use your own, add it to the portal's app-config.yaml:
      </Typography>
      <Box mt={1}>
        <CodeSnippet language="yaml" text={missing.config} />
      </Box>
    </Alert>
  );
}
