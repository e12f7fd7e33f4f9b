import {
  PLATFORM_TASK_STATUSES,
  PlatformTaskStatus,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { FilterTextField } from '../../shared/FilterTextField';
import { taskStatusLabel } from '../TaskStatus';
import type { TaskQueueParams } from './taskQueueQuery';

type TextFilter = 'type' | 'repository' | 'entity';

/**
 * The queue's filters: statuses (any of several), task type, repository and,
 * outside an entity page, the component.
 */
export function TaskFilters(props: {
  value: TaskQueueParams;
  onChange: (change: Partial<TaskQueueParams>) => void;
  /** Offer the component filter (the Maintenance tab is pinned to one). */
  withEntity: boolean;
}) {
  const { value, onChange, withEntity } = props;
  const text = (field: TextFilter, label: string, placeholder: string) => (
    <FilterTextField
      label={label}
      value={value[field]}
      placeholder={placeholder}
      onCommit={next => onChange({ [field]: next })}
    />
  );
  return (
    <div role="search" aria-label="Task filters">
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-end"
        style={{ gap: 16 }}
      >
        <FormControl style={{ minWidth: 220 }}>
          <InputLabel id="task-status-filter">Status</InputLabel>
          <Select
            labelId="task-status-filter"
            multiple
            value={value.status}
            onChange={e =>
              onChange({ status: e.target.value as PlatformTaskStatus[] })
            }
            renderValue={selected =>
              (selected as PlatformTaskStatus[]).map(taskStatusLabel).join(', ')
            }
          >
            {PLATFORM_TASK_STATUSES.map(status => (
              <MenuItem key={status} value={status}>
                <Checkbox
                  size="small"
                  checked={value.status.includes(status)}
                />
                <ListItemText primary={taskStatusLabel(status)} />
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {text('type', 'Task type', 'convention_fix')}
        {text('repository', 'Repository', 'owner/name')}
        {withEntity && text('entity', 'Component', 'payments-api')}
      </Box>
    </div>
  );
}
