import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformApi, platformApiRef } from '../../../api';
import { AgentContextGenerateButton } from './AgentContextGenerateButton';

// Permission answers are cached per module: this file only sees denials.
describe('AgentContextGenerateButton', () => {
  it('is disabled, and says why, without catalyst.agentContext.generate', async () => {
    const api = { generateAgentContext: jest.fn() } as unknown as PlatformApi;
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    });
    await renderInTestApp(
      <AgentContextGenerateButton entityRef="component:default/payments-api" />,
      { apis: [[platformApiRef, api], permissionApi] },
    );

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Generate' })).toBeDisabled(),
    );
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'catalyst.agentContext.generate',
        }),
      }),
    );
    await userEvent.hover(
      screen.getByRole('button', { name: 'Generate' }).parentElement!,
    );
    expect(
      await screen.findByText(/not allowed to generate agent context/),
    ).toBeInTheDocument();
    expect(api.generateAgentContext).not.toHaveBeenCalled();
  });
});
