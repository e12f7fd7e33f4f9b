import Tooltip from '@material-ui/core/Tooltip';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import type { SpecTaskView } from '@catalyst/plugin-platform-common';
import type { ComponentType } from 'react';

type SpecTaskState = SpecTaskView['state'];

const STATES: Record<
  SpecTaskState,
  {
    label: string;
    Icon: ComponentType<any>;
    color?: 'primary' | 'error' | 'disabled';
  }
> = {
  done: { label: 'done', Icon: CheckCircleIcon, color: 'primary' },
  open: { label: 'open', Icon: RadioButtonUncheckedIcon },
  'in-progress': {
    label: 'in progress',
    Icon: AutorenewIcon,
    color: 'primary',
  },
  blocked: { label: 'blocked', Icon: BlockIcon, color: 'error' },
  cancelled: {
    label: 'cancelled',
    Icon: RemoveCircleOutlineIcon,
    color: 'disabled',
  },
  other: { label: 'other', Icon: HelpOutlineIcon, color: 'disabled' },
};

/** A task's state as an icon, named for screen readers and on hover. */
export function SpecTaskStateIcon(props: {
  state: SpecTaskState;
  mark: string;
}) {
  const { label, Icon, color } = STATES[props.state] ?? STATES.other;
  const title = props.state === 'other' ? `${label} [${props.mark}]` : label;
  return (
    <Tooltip title={title}>
      <Icon titleAccess={title} fontSize="small" color={color} />
    </Tooltip>
  );
}
