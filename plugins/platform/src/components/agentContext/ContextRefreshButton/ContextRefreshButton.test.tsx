import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../../api';
import { ContextRefreshButton } from './ContextRefreshButton';

// Permission answers are cached per module: this file only sees denials.
describe('ContextRefreshButton', () => {
  it('is disabled, and says why, without catalyst.agentContext.refresh; the last pull request stays linked', async () => {
    const api = { refreshAgentContext: jest.fn() } as unknown as PlatformApi;
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    });
    await renderInTestApp(
      <ContextRefreshButton
        entityRef="component:default/payments-api"
        pullRequest={{
          number: 3,
          url: 'https://github.com/acme/payments-api/pull/3',
        }}
      />,
      { apis: [[platformApiRef, api], permissionApi] },
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Refresh AGENTS.md' }),
      ).toBeDisabled(),
    );
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'catalyst.agentContext.refresh',
        }),
      }),
    );
    await userEvent.hover(
      screen.getByRole('button', { name: 'Refresh AGENTS.md' }).parentElement!,
    );
    expect(
      await screen.findByText(/not allowed to refresh AGENTS.md/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Pull request #3' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/3');
    expect(api.refreshAgentContext).not.toHaveBeenCalled();
  });
});
