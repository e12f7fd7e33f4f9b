import { useApi } from '@backstage/frontend-plugin-api';
import { specRefreshPermission } from '@catalyst/plugin-platform-common';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../../api';
import { useToast } from '../../shared/useToast';
import { PermissionButton } from '../../shared/PermissionButton';

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
  const toastApi = useToast();

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
    <PermissionButton
      access={{ permission: specRefreshPermission, resourceRef: entityRef }}
      deniedTitle="You are not allowed to refresh specs (catalyst.spec.refresh)"
      busy={loading}
      variant="outlined"
      size="small"
      startIcon={<RefreshIcon />}
      onClick={refresh}
    >
      {loading ? 'Refreshing…' : 'Refresh'}
    </PermissionButton>
  );
  return button;
}
