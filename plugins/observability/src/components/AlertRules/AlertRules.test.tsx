import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { entityRef, errorRateRule } from '../../__fixtures__/observability';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { AlertRules } from './AlertRules';

// Permission answers are cached per module: this file only sees grants.
const permissionApi = mockApis.permission.mock({
  authorize: jest.fn(async () => ({ result: AuthorizeResult.ALLOW })),
});

function renderRules(api: ObservabilityApi) {
  return renderInTestApp(<AlertRules entityRef={entityRef} />, {
    apis: [[observabilityApiRef, api], permissionApi],
  });
}

const applied = {
  status: 'applied' as const,
  instance: 'main',
  mode: 'kubernetes' as const,
  prometheusRule: { namespace: 'observability', name: 'catalyst-payments' },
  validatedWithPromtool: true,
};

jest.setTimeout(60_000);

describe('AlertRules', () => {
  it('lists the rules of the entity and the rule group they render to', async () => {
    const api = mockObservabilityApi();
    await renderRules(api);

    const table = await screen.findByRole('table', { name: 'Alert rules' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 7)
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        'Error rate',
        '> 0.05',
        '5m',
        'critical',
        'yes',
        '–',
        'slack #payments-alerts',
      ],
      ['Latency', '> 0.3', '2m', 'warning', 'no', '99.9 %', '–'],
    ]);
    // The code view highlights lazily.
    await waitFor(() =>
      expect(
        screen.getByLabelText('Rendered Prometheus rule group'),
      ).toHaveTextContent('alert: CatalystErrorRate'),
    );
    expect(api.getRules).toHaveBeenCalledWith({ entityRef });
    expect(api.getRenderedRules).toHaveBeenCalledWith({ entityRef });
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'observability.rules.manage',
        }),
        resourceRef: entityRef,
      }),
    );
  });

  it("creates a rule, showing the backend's refusal until the form is fixed", async () => {
    const api = mockObservabilityApi();
    api.createRule
      .mockRejectedValueOnce(
        backendError(
          400,
          'Invalid alert rule: threshold of a error_rate rule is a ratio from 0 to 1 (0.05 = 5%), got 2',
        ),
      )
      .mockResolvedValueOnce({
        rule: { ...errorRateRule, id: 5, threshold: 0.02 },
        application: applied,
      });
    await renderRules(api);
    await screen.findByRole('table', { name: 'Alert rules' });

    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Threshold' }),
      '2',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Notification channels' }),
      'email oncall@example.com',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(
      await within(dialog).findByText(
        /threshold of a error_rate rule is a ratio/,
      ),
    ).toBeInTheDocument();
    expect(api.createRule).toHaveBeenCalledWith({
      entityRef,
      rule: {
        signalType: 'error_rate',
        operator: 'gt',
        threshold: 2,
        duration: '5m',
        severity: 'warning',
        enabled: true,
        notificationChannels: [{ type: 'email', to: 'oncall@example.com' }],
      },
    });

    const threshold = within(dialog).getByRole('textbox', {
      name: 'Threshold',
    });
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '0.02');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    expect(
      await screen.findByText(
        "Applied to Prometheus 'main' as PrometheusRule observability/catalyst-payments",
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.createRule).toHaveBeenLastCalledWith({
      entityRef,
      rule: expect.objectContaining({ threshold: 0.02 }),
    });
    expect(api.getRules).toHaveBeenCalledTimes(2);
  });

  it('edits a rule, clearing the optional fields left blank', async () => {
    const api = mockObservabilityApi();
    api.updateRule.mockResolvedValue({
      rule: { ...errorRateRule, duration: '10m' },
      application: applied,
    });
    await renderRules(api);
    await screen.findByRole('table', { name: 'Alert rules' });

    await userEvent.click(screen.getByRole('button', { name: 'Edit rule 3' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('textbox', { name: 'Notification channels' }),
    ).toHaveValue('slack #payments-alerts');
    const duration = within(dialog).getByRole('textbox', { name: 'Duration' });
    await userEvent.clear(duration);
    await userEvent.type(duration, '10m');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.updateRule).toHaveBeenCalledWith({
        entityRef,
        id: 3,
        rule: {
          signalType: 'error_rate',
          operator: 'gt',
          threshold: 0.05,
          duration: '10m',
          severity: 'critical',
          enabled: true,
          quantile: null,
          objective: null,
          description: null,
          notificationChannels: [
            { type: 'slack', channel: '#payments-alerts' },
          ],
        },
      }),
    );
  });

  it('deletes a rule after confirmation', async () => {
    const api = mockObservabilityApi();
    api.deleteRule.mockResolvedValue({
      application: {
        ...applied,
        message: 'No enabled rules: the PrometheusRule was deleted',
      },
    });
    await renderRules(api);
    await screen.findByRole('table', { name: 'Alert rules' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Delete rule 4' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete alert rule 4?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(
      await screen.findByText(/the PrometheusRule was deleted/),
    ).toBeInTheDocument();
    expect(api.deleteRule).toHaveBeenCalledWith({ entityRef, id: 4 });
  });
});
