import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  PlatformTask,
  PlatformTaskStatus,
  taskManagePermission,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { PlatformApi, platformApiRef } from '../../../api';

type TaskAction = 'approve' | 'retry' | 'cancel';

const ACTIONS: {
  action: TaskAction;
  label: string;
  /** The statuses the backend accepts the action in. */
  when: PlatformTaskStatus[];
  run: (api: PlatformApi, id: number) => Promise<PlatformTask>;
}[] = [
  {
    action: 'approve',
    label: 'Approve',
    when: ['awaiting_approval'],
    run: (api, id) => api.approveTask(id),
  },
  {
    action: 'retry',
    label: 'Retry',
    when: ['failed', 'cancelled'],
    run: (api, id) => api.retryTask(id),
  },
  {
    action: 'cancel',
    label: 'Cancel',
    when: ['pending', 'in_progress', 'awaiting_approval'],
    run: (api, id) => api.cancelTask(id),
  },
];

/**
 * Approve, Retry and Cancel for one task, each enabled in the statuses where
 * it applies and only with `catalyst.task.manage`. After an action the task
 * is reloaded through `onChanged`; a failure is shown with the backend's
 * message.
 */
export function TaskActions(props: {
  task: Pick<PlatformTask, 'id' | 'status' | 'entityRef'>;
  onChanged: () => void;
}) {
  const { task, onChanged } = props;
  const platformApi = useApi(platformApiRef);
  const { allowed, loading: checking } = usePermission({
    permission: taskManagePermission,
    resourceRef: task.entityRef,
  });
  const [failed, setFailed] = useState<{ action: TaskAction; error: Error }>();

  const [{ loading: running }, run] = useAsyncFn(
    async (entry: (typeof ACTIONS)[number]) => {
      setFailed(undefined);
      try {
        await entry.run(platformApi, task.id);
      } catch (e) {
        setFailed({ action: entry.action, error: e as Error });
      }
      // A failed action often means the task moved on; show where it is now.
      onChanged();
    },
    [platformApi, task.id, onChanged],
  );

  const buttons = ACTIONS.map(entry => (
    <Button
      key={entry.action}
      variant={entry.action === 'cancel' ? 'outlined' : 'contained'}
      color={entry.action === 'cancel' ? 'default' : 'primary'}
      size="small"
      disabled={
        !allowed || checking || running || !entry.when.includes(task.status)
      }
      onClick={() => run(entry)}
    >
      {entry.label}
    </Button>
  ));

  return (
    <>
      <Box display="flex" style={{ gap: 8 }} aria-label="Task actions">
        {allowed || checking ? (
          buttons
        ) : (
          <Tooltip title="You are not allowed to manage platform tasks (catalyst.task.manage)">
            {/* Disabled buttons fire no events; the span lets the tooltip show. */}
            <span style={{ display: 'flex', gap: 8 }}>{buttons}</span>
          </Tooltip>
        )}
      </Box>
      {failed && (
        <Box mt={2}>
          <WarningPanel
            severity="error"
            title={`Could not ${failed.action} task #${task.id}`}
            message={failed.error.message}
          />
        </Box>
      )}
    </>
  );
}
