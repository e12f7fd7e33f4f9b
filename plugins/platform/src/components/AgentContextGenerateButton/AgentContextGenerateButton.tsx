import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { agentContextGeneratePermission } from '@catalyst/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import BuildIcon from '@material-ui/icons/Build';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { platformApiRef } from '../../api';

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
  const toastApi = useApi(coreApis.toast);
  const { allowed, loading: checking } = usePermission({
    permission: agentContextGeneratePermission,
  });

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
    <Button
      variant="outlined"
      size="small"
      startIcon={<BuildIcon />}
      disabled={!allowed || checking || loading}
      onClick={generate}
    >
      {loading ? 'Analysing…' : 'Generate'}
    </Button>
  );
  if (allowed || checking) {
    return button;
  }
  return (
    <Tooltip title="You are not allowed to generate agent context (catalyst.agentContext.generate)">
      <span>{button}</span>
    </Tooltip>
  );
}
