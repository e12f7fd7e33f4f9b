import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import { mockObservabilityApi } from '../../__fixtures__/mockObservabilityApi';
import { entityRef } from '../../__fixtures__/observability';
import { observabilityApiRef } from '../../api';
import { AlertRules } from './AlertRules';

// Permission answers are cached per module: this file only sees denials.
describe('AlertRules without observability.rules.manage', () => {
  it('shows the rules read-only', async () => {
    const api = mockObservabilityApi();
    const permissionApi = mockApis.permission.mock({
      authorize: jest.fn(async () => ({ result: AuthorizeResult.DENY })),
    });
    await renderInTestApp(<AlertRules entityRef={entityRef} />, {
      apis: [[observabilityApiRef, api], permissionApi],
    });

    const table = await screen.findByRole('table', { name: 'Alert rules' });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Add rule' })).toBeDisabled(),
    );
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    // The code view highlights lazily.
    await waitFor(() =>
      expect(
        screen.getByLabelText('Rendered Prometheus rule group'),
      ).toHaveTextContent('CatalystErrorRate'),
    );
  });
});
