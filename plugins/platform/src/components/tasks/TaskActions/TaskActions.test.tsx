import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PlatformTaskStatus } from '@catalyst/plugin-platform-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { awaitingTask } from '../../../__fixtures__/tasks';
import { PlatformApi, platformApiRef } from '../../../api';
import { TaskActions } from './TaskActions';

async function renderActions(
  api: PlatformApi,
  status: PlatformTaskStatus,
  onChanged = jest.fn(),
) {
  await renderInTestApp(
    <TaskActions
      task={{ id: 42, status, entityRef: 'component:default/payments' }}
      onChanged={onChanged}
    />,
    {
      apis: [
        [platformApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    },
  );
  // The permission answer arrives after the first render.
  await waitFor(() =>
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument(),
  );
}

const enabled = () =>
  ['Approve', 'Retry', 'Cancel'].filter(
    name => !screen.getByRole('button', { name }).hasAttribute('disabled'),
  );

describe('TaskActions', () => {
  it.each<[PlatformTaskStatus, string[]]>([
    ['pending', ['Cancel']],
    ['in_progress', ['Cancel']],
    ['awaiting_approval', ['Approve', 'Cancel']],
    ['complete', []],
    ['failed', ['Retry']],
    ['cancelled', ['Retry']],
  ])('enables, for a %s task, %j', async (status, expected) => {
    await renderActions(mockPlatformApi(), status);

    await waitFor(() => expect(enabled()).toEqual(expected));
  });

  it.each([
    ['Approve', 'approveTask'],
    ['Cancel', 'cancelTask'],
  ] as const)(
    '%s calls the backend and reports the change',
    async (label, method) => {
      const api = mockPlatformApi();
      api[method].mockResolvedValue({ ...awaitingTask, status: 'pending' });
      const onChanged = jest.fn();
      await renderActions(api, 'awaiting_approval', onChanged);

      await waitFor(() =>
        expect(screen.getByRole('button', { name: label })).toBeEnabled(),
      );
      await userEvent.click(screen.getByRole('button', { name: label }));

      await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
      expect(api[method]).toHaveBeenCalledWith(42);
      expect(screen.queryByText(/Could not/)).not.toBeInTheDocument();
    },
  );
});
