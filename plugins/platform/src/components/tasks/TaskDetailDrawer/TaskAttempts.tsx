import { Table } from '@backstage/core-components';
import type { PlatformTaskAttempt } from '@catalyst/plugin-platform-common';
import { DateTime } from '../../shared/DateTime';

/** Every attempt at a task: who ran it, when, and how it ended. */
export function TaskAttempts(props: { attempts: PlatformTaskAttempt[] }) {
  return (
    <Table<PlatformTaskAttempt>
      title={`Attempts (${props.attempts.length})`}
      data={props.attempts}
      options={{ search: false, paging: false, padding: 'dense' }}
      localization={{
        body: { emptyDataSourceMessage: 'No worker has claimed it yet.' },
      }}
      columns={[
        { title: 'Attempt', field: 'attempt', width: '80px' },
        { title: 'Worker', field: 'worker' },
        {
          title: 'Started',
          field: 'startedAt',
          render: a => <DateTime value={a.startedAt} />,
        },
        {
          title: 'Finished',
          field: 'finishedAt',
          render: a => <DateTime value={a.finishedAt} />,
        },
        {
          title: 'Outcome',
          field: 'outcome',
          render: a => a.outcome ?? (a.finishedAt ? '' : 'running'),
        },
        { title: 'Error', field: 'error' },
      ]}
    />
  );
}
