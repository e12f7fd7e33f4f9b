import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import CloseIcon from '@material-ui/icons/Close';
import { useCallback } from 'react';
import { platformApiRef } from '../../../api';
import { useReloadableAsync } from '../../../hooks/useReloadableAsync';
import { TaskDetails } from './TaskDetails';

function TaskDetailsLoader(props: { id: number; onChanged: () => void }) {
  const { id, onChanged } = props;
  const platformApi = useApi(platformApiRef);
  const { value, loading, error, reload } = useReloadableAsync(
    () => platformApi.getTask(id),
    [platformApi, id],
  );
  const changed = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return value ? <TaskDetails task={value} onChanged={changed} /> : null;
}

/**
 * A side panel with one task's details, open while `id` is set. `onChanged`
 * runs after an action so the list behind it can reload too.
 */
export function TaskDetailDrawer(props: {
  id?: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { id, onClose, onChanged } = props;
  return (
    <Drawer anchor="right" open={id !== undefined} onClose={onClose}>
      <Box
        width={{ xs: '100vw', md: '60vw' }}
        maxWidth={960}
        p={2}
        role="region"
        aria-label={id !== undefined ? `Task ${id}` : 'Task'}
      >
        <Box display="flex" justifyContent="flex-end">
          <IconButton aria-label="Close task details" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        {id !== undefined && (
          <TaskDetailsLoader id={id} onChanged={onChanged} />
        )}
      </Box>
    </Drawer>
  );
}
