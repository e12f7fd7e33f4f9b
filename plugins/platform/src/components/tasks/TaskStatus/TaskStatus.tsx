import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { PlatformTaskStatus } from '@catalyst/plugin-platform-common';
import type { ComponentType, ReactNode } from 'react';

const INDICATORS: Record<
  PlatformTaskStatus,
  ComponentType<{ children?: ReactNode }>
> = {
  pending: StatusPending,
  in_progress: StatusRunning,
  awaiting_approval: StatusWarning,
  complete: StatusOK,
  failed: StatusError,
  cancelled: StatusAborted,
};

/** A task status as words (`awaiting approval`). */
export function taskStatusLabel(status: PlatformTaskStatus): string {
  return status.replace(/_/g, ' ');
}

/** A task's status with Backstage's status indicator of the same meaning. */
export function TaskStatus(props: { status: PlatformTaskStatus }) {
  const Indicator = INDICATORS[props.status] ?? StatusPending;
  return <Indicator>{taskStatusLabel(props.status)}</Indicator>;
}
