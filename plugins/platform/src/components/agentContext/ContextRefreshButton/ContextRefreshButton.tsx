import { useApi } from '@backstage/frontend-plugin-api';
import {
  AgentContextPullRequest,
  agentContextRefreshPermission,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../../api';
import { useToast } from '../../shared/useToast';
import { PermissionButton } from '../../shared/PermissionButton';

/**
 * Opens the pull request that brings the repository's AGENTS.md up to date,
 * or updates the one already open, and links to it. Disabled for users
 * without `catalyst.agentContext.refresh`.
 */
export function ContextRefreshButton(props: {
  entityRef: string;
  /** The pull request the last refresh opened, if any. */
  pullRequest?: AgentContextPullRequest;
  onRefreshed?: () => void;
}) {
  const { entityRef, onRefreshed } = props;
  const platformApi = useApi(platformApiRef);
  const toastApi = useToast();

  const [{ value, loading }, refresh] = useAsyncFn(async () => {
    try {
      const result = await platformApi.refreshAgentContext({ entityRef });
      toastApi.post({
        title:
          result.status === 'up-to-date'
            ? 'AGENTS.md is up to date'
            : `Pull request #${result.pullRequest?.number} ${result.status}`,
        description:
          result.status === 'up-to-date'
            ? 'The committed AGENTS.md already says what the repository shows.'
            : `Branch ${result.branch}`,
        status: 'success',
        timeout: 5000,
      });
      onRefreshed?.();
      return result;
    } catch (e) {
      toastApi.post({
        title: 'AGENTS.md could not be refreshed',
        description: (e as Error).message,
        status: 'danger',
      });
      return undefined;
    }
  }, [platformApi, toastApi, entityRef, onRefreshed]);

  const pullRequest = value?.pullRequest ?? props.pullRequest;
  const button = (
    <PermissionButton
      access={{
        permission: agentContextRefreshPermission,
        resourceRef: entityRef,
      }}
      deniedTitle="You are not allowed to refresh AGENTS.md (catalyst.agentContext.refresh)"
      busy={loading}
      variant="contained"
      color="primary"
      size="small"
      startIcon={<CallSplitIcon />}
      onClick={refresh}
    >
      {loading ? 'Opening pull request…' : 'Refresh AGENTS.md'}
    </PermissionButton>
  );
  return (
    <Box display="inline-flex" alignItems="center" style={{ gap: 8 }}>
      {button}
      {pullRequest && (
        <Link href={pullRequest.url} target="_blank" rel="noopener noreferrer">
          Pull request #{pullRequest.number}
        </Link>
      )}
    </Box>
  );
}
