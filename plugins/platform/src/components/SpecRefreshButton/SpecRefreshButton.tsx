import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { specRefreshPermission } from '@catalyst/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../api';

/**
 * Re-indexes a component's specs now. Disabled for users without
 * `catalyst.spec.refresh`.
 */
export function SpecRefreshButton(props: {
  entityRef: string;
  onRefreshed?: () => void;
}) {
  const { entityRef, onRefreshed } = props;
  const platformApi = useApi(platformApiRef);
  const toastApi = useApi(coreApis.toast);
  const { allowed, loading: checking } = usePermission({
    permission: specRefreshPermission,
    resourceRef: entityRef,
  });

  const [{ loading }, refresh] = useAsyncFn(async () => {
    try {
      const result = await platformApi.refreshSpecs({ entityRef });
      toastApi.post({
        title: 'Specs refreshed',
        description: `${result.updated} updated, ${result.unchanged} unchanged, ${result.removed} removed`,
        status: 'success',
        timeout: 5000,
      });
      onRefreshed?.();
    } catch (e) {
      toastApi.post({
        title: 'Specs could not be refreshed',
        description: (e as Error).message,
        status: 'danger',
      });
    }
  }, [platformApi, toastApi, entityRef, onRefreshed]);

  const button = (
    <Button
      variant="outlined"
      size="small"
      startIcon={<RefreshIcon />}
      disabled={!allowed || checking || loading}
      onClick={refresh}
    >
      {loading ? 'Refreshing…' : 'Refresh'}
    </Button>
  );
  if (allowed || checking) {
    return button;
  }
  return (
    <Tooltip title="You are not allowed to refresh specs (catalyst.spec.refresh)">
      {/* A disabled button fires no events; the span lets the tooltip show. */}
      <span>{button}</span>
    </Tooltip>
  );
}
