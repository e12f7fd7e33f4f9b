import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../../api';
import { isBreakerTripped, TaskBreakerList } from './TaskBreakerList';

/**
 * A warning above the queue while circuit breakers hold GitHub work back;
 * nothing when every breaker is closed. With `repositories`, only the
 * global GitHub breaker and those repositories' breakers count.
 */
export function TaskBreakerBanner(props: {
  reloadKey?: number;
  repositories?: string[];
}) {
  const { repositories } = props;
  const platformApi = useApi(platformApiRef);
  const { value, error } = useAsync(
    () => platformApi.listTaskBreakers(),
    [platformApi, props.reloadKey],
  );
  if (error) {
    return (
      <Box mb={2}>
        <WarningPanel
          severity="error"
          title="Circuit breakers could not be loaded"
          message={error.message}
        />
      </Box>
    );
  }
  const concerns = (key: string) =>
    !repositories ||
    key === 'github' ||
    repositories.some(repository => key.startsWith(`repo:${repository}:`));
  const tripped =
    value?.items.filter(
      breaker => isBreakerTripped(breaker) && concerns(breaker.key),
    ) ?? [];
  if (tripped.length === 0) {
    return null;
  }
  return (
    <Box mb={2}>
      <WarningPanel
        severity="warning"
        title={
          tripped.length === 1
            ? '1 circuit breaker holds tasks back'
            : `${tripped.length} circuit breakers hold tasks back`
        }
        defaultExpanded
      >
        <TaskBreakerList breakers={tripped} label="Open circuit breakers" />
      </WarningPanel>
    </Box>
  );
}
