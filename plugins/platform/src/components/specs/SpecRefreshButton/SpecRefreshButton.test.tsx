import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../../api';
import { SpecRefreshButton } from './SpecRefreshButton';

describe('SpecRefreshButton', () => {
  it('is disabled, and says why, without catalyst.spec.refresh', async () => {
    const api = { refreshSpecs: jest.fn() } as unknown as PlatformApi;
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    });
    await renderInTestApp(
      <SpecRefreshButton entityRef="component:default/payments-api" />,
      { apis: [[platformApiRef, api], permissionApi] },
    );

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Refresh' })).toBeDisabled(),
    );
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'catalyst.spec.refresh' }),
      }),
    );
    await userEvent.hover(
      screen.getByRole('button', { name: 'Refresh' }).parentElement!,
    );
    expect(
      await screen.findByText(/not allowed to refresh specs/),
    ).toBeInTheDocument();
    expect(api.refreshSpecs).not.toHaveBeenCalled();
  });
});
