import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  describeObservabilityError,
  SCOPE_ANNOTATIONS,
} from './describeObservabilityError';
import { MissingInstancePanel } from './MissingInstancePanel';

const EXAMPLE_ANNOTATIONS = `metadata:
  annotations:
    # one of:
    backstage.io/kubernetes-namespace: payments
    backstage.io/kubernetes-label-selector: app=payments-api
    catalyst.dev/observability-labels: job=payments,env=prod`;

/**
 * A failed observability request explained: which annotation to add when the entity has
 * no scope, what to install or configure when the backend has no instance of a kind, which
 * instance could not be reached, or the backend's own message.
 *
 * @public
 */
export function ObservabilityErrorPanel(props: { error: Error }) {
  const description = describeObservabilityError(props.error);
  switch (description.kind) {
    case 'no-scope':
      return (
        <Alert severity="info">
          <AlertTitle>This entity has no observability scope</AlertTitle>
          <Typography variant="body2" paragraph>
            {description.message}
          </Typography>
          <Typography variant="body2">
            Add one of the annotations{' '}
            {SCOPE_ANNOTATIONS.map((a, i) => (
              <span key={a}>
                {i > 0 && ', '}
                <code>{a}</code>
              </span>
            ))}{' '}
            to the entity's catalog-info.yaml:
          </Typography>
          <Box mt={1}>
            <CodeSnippet language="yaml" text={EXAMPLE_ANNOTATIONS} />
          </Box>
        </Alert>
      );
    case 'not-configured':
      return (
        <MissingInstancePanel
          missing={description.missing}
          message={description.message}
        />
      );
    case 'unreachable':
      return (
        <Alert severity="warning">
          <AlertTitle>
            {description.instance
              ? `Instance ${description.instance} is unreachable`
              : 'An observability instance is unreachable'}
          </AlertTitle>
          <Typography variant="body2" paragraph>
            {description.message}
          </Typography>
          <Typography variant="body2">
            Check that the server runs and that the backend can reach its{' '}
            <code>baseUrl</code> (under <code>observability.*.instances</code>{' '}
            in app-config). The demo's servers run while{' '}
            <code>./scripts/start.sh</code> runs; their logs are in{' '}
            <code>~/.cache/catalyst/observability-demo/</code>.
          </Typography>
        </Alert>
      );
    case 'bad-request':
      return (
        <Alert severity="error">
          <AlertTitle>The request was refused</AlertTitle>
          {description.message}
        </Alert>
      );
    default:
      return (
        <Alert severity="error">
          <AlertTitle>
            {description.status
              ? `Request failed (${description.status})`
              : 'Request failed'}
          </AlertTitle>
          {description.message}
        </Alert>
      );
  }
}
