import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { complianceOverview } from '../../../__fixtures__/conventions';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { PlatformApi, platformApiRef } from '../../../api';
import { platformTasksRouteRef } from '../../../routes';
import { ConventionsOverviewPage } from './ConventionsOverviewPage';

function overviewApi(): jest.Mocked<PlatformApi> {
  const api = mockPlatformApi();
  api.listConventionCompliance.mockImplementation(async query => ({
    ...complianceOverview,
    totalCount: 42,
    offset: query?.offset ?? 0,
    limit: query?.limit ?? 20,
  }));
  return api;
}

async function renderPage(api: PlatformApi, url = '/conventions') {
  const result = await renderInTestApp(<ConventionsOverviewPage />, {
    apis: [[platformApiRef, api]],
    mountPath: '/conventions',
    initialRouteEntries: [url],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/platform-tasks': platformTasksRouteRef,
    },
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { ...result, location };
}

const lastQuery = (api: jest.Mocked<PlatformApi>) =>
  api.listConventionCompliance.mock.calls[
    api.listConventionCompliance.mock.calls.length - 1
  ][0];

jest.setTimeout(30_000);

describe('ConventionsOverviewPage', () => {
  it('shows the totals and every component with its drift, pull request and open task', async () => {
    const api = overviewApi();
    await renderPage(api);

    const payments = await screen.findByRole('link', { name: 'payments-api' });
    expect(payments).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    expect(screen.getByLabelText('Components')).toHaveTextContent('4');
    expect(screen.getByLabelText('Compliant')).toHaveTextContent('3');
    expect(screen.getByLabelText('Drifted')).toHaveTextContent('1');
    expect(screen.getByLabelText('Compliance')).toHaveTextContent('75%');

    const row = payments.closest('tr')!;
    expect(row).toHaveTextContent(
      'node-servicedrifted.editorconfig, CODEOWNERS1',
    );
    expect(within(row).getByRole('link', { name: '#9' })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/pull/9',
    );
    expect(within(row).getByRole('link', { name: 'Task #42' })).toHaveAttribute(
      'href',
      '/platform-tasks?task=42',
    );
    expect(row).toHaveTextContent('2026-02-02 09:30');

    const ledger = screen
      .getByRole('link', { name: 'ledger-worker' })
      .closest('tr')!;
    expect(ledger).toHaveTextContent('go-servicecompliant');
    expect(within(ledger).queryByRole('link', { name: /Task/ })).toBeNull();
    expect(screen.getByText('Components (42)')).toBeInTheDocument();
    expect(lastQuery(api)).toEqual({ offset: 0, limit: 20 });
  });

  it('reads its filters from the URL and keeps changes there', async () => {
    const api = overviewApi();
    const { location } = await renderPage(
      api,
      '/conventions?drifted=true&pack=node-service&page=1',
    );
    await screen.findByRole('link', { name: 'payments-api' });
    expect(lastQuery(api)).toEqual({
      drifted: true,
      packId: 'node-service',
      offset: 20,
      limit: 20,
    });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search' }),
      'pay',
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        drifted: true,
        packId: 'node-service',
        q: 'pay',
        offset: 0,
        limit: 20,
      }),
    );
    expect(location().search).toBe('?drifted=true&pack=node-service&q=pay');

    await userEvent.click(
      within(screen.getByRole('search')).getByRole('button', {
        name: /Status/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Compliant' }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ drifted: false }),
    );
    expect(new URLSearchParams(location().search).get('drifted')).toBe('false');
  });

  it('pages on the server', async () => {
    const api = overviewApi();
    const { location } = await renderPage(api);
    await screen.findByRole('link', { name: 'payments-api' });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ offset: 20, limit: 20 }),
    );
    expect(location().search).toBe('?page=1');
  });

  it('shows an empty state before any component is scanned', async () => {
    const api = overviewApi();
    api.listConventionCompliance.mockResolvedValue({
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 20,
      totals: { components: 0, compliant: 0, drifted: 0 },
    });
    await renderPage(api);

    expect(
      await screen.findByText('No component scanned yet'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Compliance')).toHaveTextContent('—');
  });

  it('shows the backend error', async () => {
    const api = overviewApi();
    api.listConventionCompliance.mockRejectedValue(
      new Error('platform backend is down'),
    );
    await renderPage(api);

    expect(
      (await screen.findAllByText('Error: platform backend is down'))[0],
    ).toBeInTheDocument();
    expect(
      screen.getByText('Compliance could not be loaded.'),
    ).toBeInTheDocument();
  });
});
