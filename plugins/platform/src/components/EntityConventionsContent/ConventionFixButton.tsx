import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ConventionPullRequest,
  conventionsFixPermission,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../api';

/**
 * Opens the pull request that fixes the component's drift, or updates the
 * open one, and links to it; says so when nothing needs fixing. Disabled
 * without `catalyst.conventions.fix`.
 */
export function ConventionFixButton(props: {
  entityRef: string;
  /** The open convention pull request, if any. */
  pullRequest?: ConventionPullRequest;
  onFixed?: () => void;
}) {
  const { entityRef, onFixed } = props;
  const platformApi = useApi(platformApiRef);
  const { allowed, loading: checking } = usePermission({
    permission: conventionsFixPermission,
  });
  const [{ value, error, loading }, fix] = useAsyncFn(async () => {
    const result = await platformApi.fixConventions({ entityRef });
    onFixed?.();
    return result;
  }, [platformApi, entityRef, onFixed]);

  const pullRequest = value?.pullRequest ?? props.pullRequest;
  const button = (
    <Button
      variant="contained"
      color="primary"
      size="small"
      startIcon={<CallSplitIcon />}
      disabled={!allowed || checking || loading}
      onClick={fix}
    >
      {loading ? 'Opening pull request…' : 'Open fix PR'}
    </Button>
  );
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      {allowed || checking ? (
        button
      ) : (
        <Tooltip title="You are not allowed to fix conventions (catalyst.conventions.fix)">
          {/* A disabled button fires no events; the span lets the tooltip show. */}
          <span>{button}</span>
        </Tooltip>
      )}
      {value?.status === 'up-to-date' && (
        <Typography variant="body2" role="status">
          Already up to date: no standard file is missing or drifted.
        </Typography>
      )}
      {value && value.status !== 'up-to-date' && (
        <Typography variant="body2" role="status">
          Pull request {value.status} on {value.branch} ({value.files.length}{' '}
          files)
        </Typography>
      )}
      {error && (
        <Typography variant="body2" color="error" role="alert">
          The fix failed: {error.message}
        </Typography>
      )}
      {pullRequest && (
        <Link href={pullRequest.url} target="_blank" rel="noopener noreferrer">
          Pull request #{pullRequest.number}
        </Link>
      )}
    </Box>
  );
}
