import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { driftedReport } from '../../../__fixtures__/conventions';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { platformApiRef } from '../../../api';
import { ConventionFixButton } from './ConventionFixButton';

// Permission answers are cached per module: this file only sees denials.
describe('ConventionFixButton without catalyst.conventions.fix', () => {
  it('is disabled and says why; the open pull request stays linked', async () => {
    const api = mockPlatformApi();
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    });
    await renderInTestApp(
      <ConventionFixButton
        entityRef="component:default/payments-api"
        pullRequest={driftedReport.pullRequest}
      />,
      { apis: [[platformApiRef, api], permissionApi] },
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Open fix PR' }),
      ).toBeDisabled(),
    );
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'catalyst.conventions.fix',
        }),
      }),
    );
    await userEvent.hover(
      screen.getByRole('button', { name: 'Open fix PR' }).parentElement!,
    );
    expect(
      await screen.findByText(/not allowed to fix conventions/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Pull request #9' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/9');
    expect(api.fixConventions).not.toHaveBeenCalled();
  });
});
