import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authSummary, searchSummary } from '../../../__fixtures__/specs';
import { PlatformApi, platformApiRef } from '../../../api';
import { SpecBrowserPage } from './SpecBrowserPage';
import { mockPlatformApi as mockEveryMethod } from '../../../__fixtures__/platformApi';

function mockPlatformApi(): jest.Mocked<PlatformApi> {
  return {
    ...mockEveryMethod(),
    listSpecs: jest.fn(async () => ({
      items: [authSummary, searchSummary],
      totalCount: 2,
    })),
    getSpec: jest.fn(),
    getSpecFile: jest.fn(),
    refreshSpecs: jest.fn(),
    getAgentContext: jest.fn(),
    generateAgentContext: jest.fn(),
    checkAgentContext: jest.fn(),
    refreshAgentContext: jest.fn(),
  };
}

async function renderPage(api: PlatformApi) {
  return renderInTestApp(<SpecBrowserPage />, {
    apis: [[platformApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

const sortLabel = (column: string) =>
  within(screen.getByRole('columnheader', { name: column })).getByText(column);

const lastQuery = (api: jest.Mocked<PlatformApi>) =>
  api.listSpecs.mock.calls[api.listSpecs.mock.calls.length - 1][0];

// Typing into MUI fields is slow in jsdom on a loaded machine.
jest.setTimeout(20_000);

describe('SpecBrowserPage', () => {
  it('lists every spec with component, documents, progress, status and last change', async () => {
    const api = mockPlatformApi();
    await renderPage(api);

    const title = await screen.findByRole('link', {
      name: 'Payment authentication',
    });
    expect(title).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/specs?spec=001-auth',
    );
    const row = title.closest('tr')!;
    expect(
      within(row).getByRole('link', { name: /payments-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(within(row).getByText('001-auth')).toBeInTheDocument();
    for (const doc of ['spec', 'plan', 'tasks', 'data model', 'contracts']) {
      expect(within(row).getByText(doc)).toBeInTheDocument();
    }
    expect(within(row).queryByText('research')).not.toBeInTheDocument();
    expect(within(row).getByText('3 / 5')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '60',
    );
    expect(within(row).getByText('in progress')).toBeInTheDocument();
    expect(within(row).getByText('active')).toBeInTheDocument();
    expect(within(row).getByText('2025-03-04')).toBeInTheDocument();

    const other = screen
      .getByRole('link', { name: 'Search facets' })
      .closest('tr')!;
    expect(within(other).getByText('4 / 4')).toBeInTheDocument();
    expect(within(other).getByText('complete')).toBeInTheDocument();
    expect(within(other).queryByText('active')).not.toBeInTheDocument();

    expect(api.listSpecs).toHaveBeenCalledTimes(1);
    expect(lastQuery(api)).toEqual({
      limit: 20,
      offset: 0,
      orderBy: undefined,
      order: undefined,
    });
  });

  it('sends the filters to the backend', async () => {
    const api = mockPlatformApi();
    await renderPage(api);
    await screen.findByText('Payment authentication');

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search' }),
      'auth',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Owner' }),
      'payments-team',
    );
    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Min. done %' }),
      '50',
    );
    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Max. done %' }),
      '99',
    );
    await userEvent.click(
      within(screen.getByRole('search')).getByRole('button', {
        name: 'Status',
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'complete' }),
    );

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        search: 'auth',
        owner: 'group:default/payments-team',
        status: 'complete',
        minCompletion: 0.5,
        maxCompletion: 0.99,
        limit: 20,
        offset: 0,
        orderBy: undefined,
        order: undefined,
      }),
    );
  });

  it('explains a completion bound it cannot use and leaves it out', async () => {
    const api = mockPlatformApi();
    await renderPage(api);
    await screen.findByText('Payment authentication');

    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Min. done %' }),
      '150',
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Search' }), 'x');

    expect(
      await screen.findByText('A number from 0 to 100'),
    ).toBeInTheDocument();
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ search: 'x' }));
    expect(lastQuery(api)).not.toHaveProperty('minCompletion');
  });

  it('sorts on the backend when a column header is clicked', async () => {
    const api = mockPlatformApi();
    await renderPage(api);
    await screen.findByText('Payment authentication');

    await userEvent.click(sortLabel('Tasks'));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        orderBy: 'completion',
        order: 'asc',
      }),
    );

    await userEvent.click(sortLabel('Tasks'));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        orderBy: 'completion',
        order: 'desc',
      }),
    );
  });

  it('pages through the portfolio with limit and offset', async () => {
    const api = mockPlatformApi();
    api.listSpecs.mockImplementation(async query => ({
      items: query?.offset ? [searchSummary] : [authSummary],
      totalCount: 21,
    }));
    await renderPage(api);
    await screen.findByText('Payment authentication');

    // material-table remounts its pager on hover, which loses userEvent's click.
    fireEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(await screen.findByText('Search facets')).toBeInTheDocument();
    expect(lastQuery(api)).toMatchObject({ limit: 20, offset: 20 });
  });

  it('shows an empty state when there are no specs at all', async () => {
    const api = mockPlatformApi();
    api.listSpecs.mockResolvedValue({ items: [], totalCount: 0 });
    await renderPage(api);

    expect(await screen.findByText('No specs yet')).toBeInTheDocument();
  });

  it('says when no spec matches the filters', async () => {
    const api = mockPlatformApi();
    await renderPage(api);
    await screen.findByText('Payment authentication');
    api.listSpecs.mockResolvedValue({ items: [], totalCount: 0 });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search' }),
      'zzz',
    );

    expect(
      await screen.findByText('No spec matches these filters.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No specs yet')).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = mockPlatformApi();
    api.listSpecs.mockRejectedValue(new Error('platform backend is down'));
    await renderPage(api);

    expect(
      (await screen.findAllByText('Error: platform backend is down'))[0],
    ).toBeInTheDocument();
    expect(screen.getByText('Specs could not be loaded.')).toBeInTheDocument();
  });
});
