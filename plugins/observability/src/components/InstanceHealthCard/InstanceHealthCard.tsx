import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import type { ObservabilityInstanceKind } from '../ObservabilityErrorPanel/describeObservabilityError';
import { MissingInstancePanel } from '../ObservabilityErrorPanel/MissingInstancePanel';

const KINDS: ObservabilityInstanceKind[] = [
  'prometheus',
  'logs',
  'alertmanager',
];

/**
 * Whether each configured Prometheus, log store and Alertmanager answers the backend, and
 * how to get the kinds that are not configured.
 *
 * @public
 */
export function InstanceHealthCard() {
  const api = useApi(observabilityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getInstancesHealth(),
    [api],
  );
  const missing = value
    ? KINDS.filter(kind => !value.items.some(i => i.kind === kind))
    : [];
  return (
    <InfoCard title="Instances">
      {loading && <Progress />}
      {error && <ObservabilityErrorPanel error={error} />}
      {value && (
        <List dense aria-label="Instances">
          {value.items.map(instance => (
            <ListItem key={`${instance.kind}/${instance.name}`}>
              <ListItemText
                primary={
                  instance.status === 'up' ? (
                    <StatusOK>
                      {instance.kind} {instance.name} up
                      {instance.version && ` (${instance.version})`}
                    </StatusOK>
                  ) : (
                    <StatusError>
                      {instance.kind} {instance.name} down
                    </StatusError>
                  )
                }
                secondary={`${instance.baseUrl} · ${instance.latencyMs} ms${
                  instance.error ? ` · ${instance.error}` : ''
                }`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {missing.map(kind => (
        <Box mt={1} key={kind}>
          <MissingInstancePanel
            missing={kind}
            message={`No ${kind} instance is configured: add one under observability.${kind}.instances`}
          />
        </Box>
      ))}
    </InfoCard>
  );
}
