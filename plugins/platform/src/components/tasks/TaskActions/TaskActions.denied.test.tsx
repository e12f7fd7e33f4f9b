import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { platformApiRef } from '../../../api';
import { TaskActions } from './TaskActions';

// Permission answers are cached per module: this file only sees denials.
describe('TaskActions without catalyst.task.manage', () => {
  it('disables every action and says why', async () => {
    const api = mockPlatformApi();
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    });
    await renderInTestApp(
      <TaskActions
        task={{
          id: 42,
          status: 'awaiting_approval',
          entityRef: 'component:default/payments',
        }}
        onChanged={jest.fn()}
      />,
      { apis: [[platformApiRef, api], permissionApi] },
    );

    await waitFor(() =>
      expect(permissionApi.authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: 'catalyst.task.manage' }),
        }),
      ),
    );
    for (const name of ['Approve', 'Retry', 'Cancel']) {
      await waitFor(() =>
        expect(screen.getByRole('button', { name })).toBeDisabled(),
      );
    }
    await userEvent.hover(
      screen.getByRole('button', { name: 'Approve' }).parentElement!,
    );
    expect(
      await screen.findByText(/not allowed to manage platform tasks/),
    ).toBeInTheDocument();
    expect(api.approveTask).not.toHaveBeenCalled();
  });
});
