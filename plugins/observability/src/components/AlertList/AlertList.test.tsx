import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRef } from '../../__fixtures__/observability';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { AlertList } from './AlertList';

function renderList(api: ObservabilityApi) {
  return renderInTestApp(
    <AlertList entityRef={entityRef} incidentHref={a => `?alert=${a.id}`} />,
    { apis: [[observabilityApiRef, api]] },
  );
}

jest.setTimeout(20_000);

describe('AlertList', () => {
  it('shows firing alerts first, linking to their incident', async () => {
    const api = mockObservabilityApi();
    await renderList(api);

    const table = await screen.findByRole('table', { name: 'Active alerts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(
      within(rows[0]).getByRole('link', { name: 'PaymentsApiHighErrorRate' }),
    ).toHaveAttribute('href', '/?alert=17');
    expect(rows[0]).toHaveTextContent('critical');
    expect(rows[0]).toHaveTextContent(
      'payments-api answers 3.4 % of requests with 5xx',
    );
    expect(api.getAlerts).toHaveBeenCalledWith({
      entityRef,
      state: 'active',
      limit: undefined,
    });
  });

  it('switches to the history with resolved alerts', async () => {
    const api = mockObservabilityApi();
    await renderList(api);
    await screen.findByRole('table', { name: 'Active alerts' });

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));

    const table = await screen.findByRole('table', { name: 'Alert history' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(r => within(r).getAllByRole('cell')[2].textContent),
    ).toEqual(['firing', 'resolved']);
    expect(
      within(table).getByRole('link', { name: 'PaymentsApiSlowResponses' }),
    ).toHaveAttribute('href', '/?alert=12');
    expect(api.getAlerts).toHaveBeenLastCalledWith({
      entityRef,
      state: 'all',
      limit: 200,
    });
  });

  it('says so when nothing fires', async () => {
    const api = mockObservabilityApi();
    api.getAlerts.mockResolvedValue({ entityRef, items: [] });
    await renderList(api);

    expect(await screen.findByText('No active alerts')).toBeInTheDocument();
  });

  it('shows the backend message when alerts cannot be read', async () => {
    const api = mockObservabilityApi();
    api.getAlerts.mockRejectedValue(
      backendError(403, 'Access to observability.alerts.read denied'),
    );
    await renderList(api);

    expect(
      await screen.findByText('Access to observability.alerts.read denied'),
    ).toBeInTheDocument();
    expect(screen.getByText('Request failed (403)')).toBeInTheDocument();
  });
});
