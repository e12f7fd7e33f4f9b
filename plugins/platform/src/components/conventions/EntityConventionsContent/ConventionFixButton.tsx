import { useApi } from '@backstage/frontend-plugin-api';
import {
  ConventionPullRequest,
  conventionsFixPermission,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../../api';
import { PermissionButton } from '../../shared/PermissionButton';

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
  const [{ value, error, loading }, fix] = useAsyncFn(async () => {
    const result = await platformApi.fixConventions({ entityRef });
    onFixed?.();
    return result;
  }, [platformApi, entityRef, onFixed]);

  const pullRequest = value?.pullRequest ?? props.pullRequest;
  const button = (
    <PermissionButton
      access={{ permission: conventionsFixPermission, resourceRef: entityRef }}
      deniedTitle="You are not allowed to fix conventions (catalyst.conventions.fix)"
      busy={loading}
      variant="contained"
      color="primary"
      size="small"
      startIcon={<CallSplitIcon />}
      onClick={fix}
    >
      {loading ? 'Opening pull request…' : 'Open fix PR'}
    </PermissionButton>
  );
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      {button}
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
