import { useApi } from '@backstage/frontend-plugin-api';
import { agentContextGeneratePermission } from '@catalyst/plugin-platform-common';
import BuildIcon from '@material-ui/icons/Build';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../../api';
import { useToast } from '../../shared/useToast';
import { PermissionButton } from '../../shared/PermissionButton';

/**
 * Analyses the component's repository now and stores the result. Disabled
 * for users without `catalyst.agentContext.generate`.
 */
export function AgentContextGenerateButton(props: {
  entityRef: string;
  onGenerated?: () => void;
}) {
  const { entityRef, onGenerated } = props;
  const platformApi = useApi(platformApiRef);
  const toastApi = useToast();

  const [{ loading }, generate] = useAsyncFn(async () => {
    try {
      const context = await platformApi.generateAgentContext({ entityRef });
      toastApi.post({
        title: context.stale
          ? 'Generated: the committed AGENTS.md is stale'
          : 'Generated: the committed AGENTS.md is up to date',
        status: 'success',
        timeout: 5000,
      });
      onGenerated?.();
    } catch (e) {
      toastApi.post({
        title: 'The agent context could not be generated',
        description: (e as Error).message,
        status: 'danger',
      });
    }
  }, [platformApi, toastApi, entityRef, onGenerated]);

  const button = (
    <PermissionButton
      access={{
        permission: agentContextGeneratePermission,
        resourceRef: entityRef,
      }}
      deniedTitle="You are not allowed to generate agent context (catalyst.agentContext.generate)"
      busy={loading}
      variant="outlined"
      size="small"
      startIcon={<BuildIcon />}
      onClick={generate}
    >
      {loading ? 'Analysing…' : 'Generate'}
    </PermissionButton>
  );
  return button;
}
