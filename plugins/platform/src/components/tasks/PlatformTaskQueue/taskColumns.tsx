import type { TableColumn } from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import Link from '@material-ui/core/Link';
import { DateTime } from '../../shared/DateTime';
import { TaskPullRequestLink } from '../TaskPullRequestLink';
import { TaskStatus } from '../TaskStatus';

/** Columns of the task queue; the id and title open the task's details. */
export function taskColumns(options: {
  /** Where a task's id and title link to. */
  taskHref: (task: PlatformTask) => string;
  /** Show the component column (the Maintenance tab does not). */
  withEntity: boolean;
}): TableColumn<PlatformTask>[] {
  const { taskHref, withEntity } = options;
  const columns: TableColumn<PlatformTask>[] = [
    {
      title: 'Id',
      field: 'id',
      width: '80px',
      render: task => (
        <Link
          component={RouterLink}
          href={taskHref(task)}
          aria-label={`Task ${task.id}`}
        >
          #{task.id}
        </Link>
      ),
    },
    { title: 'Type', field: 'taskType' },
    {
      title: 'Title',
      field: 'title',
      highlight: true,
      render: task => (
        <Link component={RouterLink} href={taskHref(task)}>
          {task.title}
        </Link>
      ),
    },
    {
      title: 'Component',
      field: 'entityRef',
      hidden: !withEntity,
      render: task => (
        <EntityRefLink entityRef={task.entityRef} defaultKind="component" />
      ),
    },
    { title: 'Repository', field: 'repository' },
    {
      title: 'Status',
      field: 'status',
      render: task => <TaskStatus status={task.status} />,
    },
    {
      title: 'Attempts',
      field: 'retryCount',
      render: task => `${task.retryCount}/${task.maxRetries}`,
    },
    {
      title: 'Next run',
      field: 'nextRunAt',
      render: task => <DateTime value={task.nextRunAt} />,
    },
    {
      title: 'Pull request',
      field: 'linkedPrNumber',
      render: task => <TaskPullRequestLink task={task} />,
    },
    {
      title: 'Updated',
      field: 'updatedAt',
      render: task => <DateTime value={task.updatedAt} />,
    },
  ];
  return columns;
}
