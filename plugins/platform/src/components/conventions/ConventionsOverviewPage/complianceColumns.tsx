import {
  StatusOK,
  StatusWarning,
  TableColumn,
} from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ConventionComplianceRow } from '@catalyst/plugin-platform-common';
import Link from '@material-ui/core/Link';
import { DateTime } from '../../shared/DateTime';

/** Columns of the compliance overview. */
export function complianceColumns(options: {
  /** Where an open task links to; undefined when the task page is not installed. */
  taskHref?: (taskId: number) => string;
}): TableColumn<ConventionComplianceRow>[] {
  const { taskHref } = options;
  return [
    {
      title: 'Component',
      field: 'entityRef',
      highlight: true,
      render: row => (
        <EntityRefLink entityRef={row.entityRef} defaultKind="component" />
      ),
    },
    { title: 'Pack', field: 'packId' },
    {
      title: 'Status',
      field: 'drifted',
      render: row =>
        row.drifted ? (
          <StatusWarning>drifted</StatusWarning>
        ) : (
          <StatusOK>compliant</StatusOK>
        ),
    },
    {
      title: 'Drifted items',
      field: 'driftedItems',
      sorting: false,
      render: row => row.driftedItems.join(', '),
    },
    { title: 'Warnings', field: 'warningCount', type: 'numeric' },
    {
      title: 'Pull request',
      sorting: false,
      render: row =>
        row.pullRequest && (
          <Link
            href={row.pullRequest.url}
            target="_blank"
            rel="noopener noreferrer"
          >
            #{row.pullRequest.number}
          </Link>
        ),
    },
    {
      title: 'Open task',
      field: 'openTaskId',
      render: row => {
        if (row.openTaskId === undefined) return null;
        return taskHref ? (
          <Link component={RouterLink} href={taskHref(row.openTaskId)}>
            Task #{row.openTaskId}
          </Link>
        ) : (
          `Task #${row.openTaskId}`
        );
      },
    },
    {
      title: 'Scanned',
      field: 'scannedAt',
      render: row => <DateTime value={row.scannedAt} />,
    },
  ];
}
