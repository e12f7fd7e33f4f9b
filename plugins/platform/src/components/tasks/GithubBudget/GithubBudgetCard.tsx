import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GithubFeatureBudget } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../../api';

const columns: TableColumn<GithubFeatureBudget>[] = [
  { title: 'Feature', field: 'feature' },
  { title: 'Requests', field: 'requests', type: 'numeric' },
  { title: 'Not modified (free)', field: 'notModified', type: 'numeric' },
  { title: 'Rate limited', field: 'rateLimited', type: 'numeric' },
];

/** The GitHub requests of each feature in the last hour, and what remains of the limit. */
export function GithubBudgetCard() {
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getGithubBudget(),
    [platformApi],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <Box mb={2}>
        <WarningPanel
          severity="error"
          title="The GitHub budget could not be loaded"
          message={error.message}
        />
      </Box>
    );
  }
  const remaining =
    value?.remaining !== undefined && value.limit !== undefined
      ? `${value.remaining} of ${value.limit} requests left${
          value.resetAt
            ? `, reset at ${new Date(value.resetAt).toLocaleTimeString()}`
            : ''
        }`
      : 'No GitHub response has reported the limit yet';
  return (
    <Box mb={2}>
      <InfoCard title="GitHub budget" subheader={remaining}>
        {value?.features.length ? (
          <Table
            title={`Requests per feature, last ${value.windowMinutes} minutes`}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={value.features}
          />
        ) : (
          <Typography variant="body2">
            No GitHub requests in the last {value?.windowMinutes ?? 60} minutes.
          </Typography>
        )}
      </InfoCard>
    </Box>
  );
}
