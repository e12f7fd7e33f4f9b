import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';

/**
 * Whether each configured Prometheus, Loki and Alertmanager answers the backend.
 *
 * @public
 */
export function InstanceHealthCard() {
  const api = useApi(observabilityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getInstancesHealth(),
    [api],
  );
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
    </InfoCard>
  );
}
