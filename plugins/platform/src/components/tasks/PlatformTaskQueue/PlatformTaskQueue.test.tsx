import { coreApis } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import {
  awaitingTask,
  closedBreaker,
  failedTask,
  failedTaskDetails,
  mergedTaskDetails,
  openBreaker,
} from '../../../__fixtures__/tasks';
import { PlatformApi, platformApiRef } from '../../../api';
import { PlatformTaskQueuePage } from './PlatformTaskQueuePage';

function queueApi(): jest.Mocked<PlatformApi> {
  const api = mockPlatformApi();
  api.listTasks.mockImplementation(async query => ({
    items: [awaitingTask, failedTask],
    totalCount: 45,
    offset: query?.offset ?? 0,
    limit: query?.limit ?? 20,
  }));
  api.listTaskBreakers.mockResolvedValue({
    items: [openBreaker, closedBreaker],
  });
  api.getTask.mockResolvedValue(failedTaskDetails);
  api.getGithubBudget.mockResolvedValue({
    windowMinutes: 60,
    features: [
      { feature: 'specs', requests: 12, notModified: 1980, rateLimited: 0 },
      { feature: 'tasks', requests: 3, notModified: 0, rateLimited: 1 },
    ],
    limit: 5000,
    remaining: 4985,
    resetAt: '2026-12-07T03:00:00Z',
  });
  api.retryTask.mockResolvedValue({ ...failedTask, status: 'pending' });
  return api;
}

async function renderQueue(api: PlatformApi, url = '/platform-tasks') {
  const result = await renderInTestApp(<PlatformTaskQueuePage />, {
    apis: [
      [platformApiRef, api],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountPath: '/platform-tasks',
    initialRouteEntries: [url],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { ...result, location };
}

const lastQuery = (api: jest.Mocked<PlatformApi>) =>
  api.listTasks.mock.calls[api.listTasks.mock.calls.length - 1][0];

// MUI selects and drawers are slow in jsdom on a loaded machine.
jest.setTimeout(30_000);

describe('PlatformTaskQueue', () => {
  it('shows the GitHub budget per feature above the queue', async () => {
    await renderQueue(queueApi());
    expect(
      await screen.findByText('4985 of 5000 requests left', { exact: false }),
    ).toBeInTheDocument();
    const row = screen.getByText('specs').closest('tr')!;
    expect(within(row).getByText('12')).toBeInTheDocument();
    expect(within(row).getByText('1980')).toBeInTheDocument();
  });

  it('lists tasks with every column and warns about open breakers', async () => {
    const api = queueApi();
    await renderQueue(api);

    const title = await screen.findByRole('link', {
      name: awaitingTask.title,
    });
    const row = title.closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Task 42' })).toHaveAttribute(
      'href',
      '/platform-tasks?task=42',
    );
    expect(within(row).getByText('convention_fix')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(within(row).getByText('acme/payments-api')).toBeInTheDocument();
    expect(within(row).getByText('awaiting approval')).toBeInTheDocument();
    expect(within(row).getByText('1/3')).toBeInTheDocument();
    expect(within(row).getByText('2026-02-02 10:30')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: '#7' })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/pull/7',
    );
    expect(within(row).getByText('2026-02-02 10:00')).toBeInTheDocument();

    const failed = screen
      .getByRole('link', { name: failedTask.title })
      .closest('tr')!;
    expect(within(failed).getByText('failed')).toBeInTheDocument();
    expect(within(failed).getByText('3/3')).toBeInTheDocument();
    expect(screen.getByText('Platform tasks (45)')).toBeInTheDocument();

    expect(
      screen.getByText(/1 circuit breaker holds tasks back/),
    ).toBeInTheDocument();
    const breakers = screen.getByRole('list', {
      name: 'Open circuit breakers',
    });
    expect(breakers).toHaveTextContent(
      'repo:acme/ledger-worker:dependency_update — open, 5 consecutive failures, next probe after 2026-02-02 11:00',
    );
    expect(breakers).toHaveTextContent('GitHub rate limit reached');
    expect(breakers).not.toHaveTextContent('github —');
    expect(lastQuery(api)).toEqual({ offset: 0, limit: 20 });
  });

  it('reads its filters and page from the URL', async () => {
    const api = queueApi();
    await renderQueue(
      api,
      '/platform-tasks?status=failed,cancelled&type=dependency_update&repository=acme/ledger-worker&entity=ledger-worker&page=1',
    );

    await screen.findByRole('link', { name: failedTask.title });
    expect(lastQuery(api)).toEqual({
      status: ['failed', 'cancelled'],
      type: 'dependency_update',
      repository: 'acme/ledger-worker',
      entityRef: 'component:default/ledger-worker',
      offset: 20,
      limit: 20,
    });
    expect(screen.getByRole('textbox', { name: 'Repository' })).toHaveValue(
      'acme/ledger-worker',
    );
    expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
  });

  it('keeps changed filters in the URL and queries the backend with them', async () => {
    const api = queueApi();
    const { location } = await renderQueue(api, '/platform-tasks?page=2');
    await screen.findByRole('link', { name: failedTask.title });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Repository' }),
      'acme/payments-api',
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        repository: 'acme/payments-api',
        offset: 0,
        limit: 20,
      }),
    );
    expect(location().search).toBe('?repository=acme%2Fpayments-api');

    await userEvent.click(
      within(screen.getByRole('search')).getByRole('button', {
        name: /Status/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'awaiting approval' }),
    );
    await userEvent.click(screen.getByRole('option', { name: 'pending' }));

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        status: ['awaiting_approval', 'pending'],
        repository: 'acme/payments-api',
        offset: 0,
        limit: 20,
      }),
    );
    expect(new URLSearchParams(location().search).get('status')).toBe(
      'awaiting_approval,pending',
    );
  });

  it('pages on the server', async () => {
    const api = queueApi();
    const { location } = await renderQueue(api);
    await screen.findByRole('link', { name: failedTask.title });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ offset: 20, limit: 20 }),
    );
    expect(location().search).toBe('?page=1');
  });

  it('shows an empty state and no banner while every breaker is closed', async () => {
    const api = queueApi();
    api.listTasks.mockResolvedValue({
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 20,
    });
    api.listTaskBreakers.mockResolvedValue({ items: [closedBreaker] });
    await renderQueue(api);

    expect(
      await screen.findByText('No platform tasks yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/circuit breaker/)).not.toBeInTheDocument();
  });

  it('says when no task matches the filters', async () => {
    const api = queueApi();
    api.listTasks.mockResolvedValue({
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 20,
    });
    await renderQueue(api, '/platform-tasks?type=nothing');

    expect(
      await screen.findByText('No task matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = queueApi();
    api.listTasks.mockRejectedValue(new Error('platform backend is down'));
    await renderQueue(api);

    expect(
      (await screen.findAllByText('Error: platform backend is down'))[0],
    ).toBeInTheDocument();
    expect(screen.getByText('Tasks could not be loaded.')).toBeInTheDocument();
  });

  it('shows where the pull request of an auto-merge task stands', async () => {
    const api = queueApi();
    api.getTask.mockResolvedValue(mergedTaskDetails);
    await renderQueue(api, '/platform-tasks?task=43');

    const details = await screen.findByRole('region', { name: 'Task 43' });
    expect(
      await within(details).findByLabelText('Auto-merge'),
    ).toHaveTextContent('merged: Merged after 2 passing checks');
    expect(within(details).getByLabelText('Approval policy')).toHaveTextContent(
      'auto-merge',
    );
  });

  it('opens a task with its attempts, error, breakers and diff, and retries it', async () => {
    const api = queueApi();
    const { location } = await renderQueue(api);
    await userEvent.click(
      await screen.findByRole('link', { name: failedTask.title }),
    );

    const details = await screen.findByRole('region', { name: 'Task 41' });
    expect(location().search).toBe('?task=41');
    expect(api.getTask).toHaveBeenCalledWith(41);
    expect(
      await within(details).findByText('Error: Last error (not_retryable)'),
    ).toBeInTheDocument();
    expect(
      within(details).getAllByText(
        'GitHub answered 422: Reference already exists',
      ).length,
    ).toBeGreaterThan(0);
    expect(
      within(details).getByRole('list', { name: 'Breakers gating this task' }),
    ).toHaveTextContent('repo:acme/ledger-worker:dependency_update');
    // The code renderer loads lazily.
    await waitFor(
      () =>
        expect(within(details).getByLabelText('Diff')).toHaveTextContent(
          '+ "lodash": "4.17.21"',
        ),
      { timeout: 5000 },
    );
    await waitFor(() =>
      expect(within(details).getByLabelText('Payload JSON')).toHaveTextContent(
        '"dependency": "lodash"',
      ),
    );
    const attempts = within(details)
      .getByText('Attempts (3)')
      .closest('div[class*="MuiPaper"]') as HTMLElement;
    const rows = within(attempts).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      '1backend-12026-02-01 08:002026-02-01 08:01retryablesocket hang up',
    );
    expect(rows[2]).toHaveTextContent(
      '2backend-22026-02-01 08:10lease_expired',
    );

    expect(
      within(details).getByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
    expect(
      within(details).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    const listed = api.listTasks.mock.calls.length;
    await userEvent.click(
      within(details).getByRole('button', { name: 'Retry' }),
    );

    expect(api.retryTask).toHaveBeenCalledWith(41);
    await waitFor(() => expect(api.getTask).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(api.listTasks.mock.calls.length).toBeGreaterThan(listed),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Close task details' }),
    );
    await waitFor(() => expect(location().search).toBe(''));
  });

  it('shows why an action failed and reloads the task', async () => {
    const api = queueApi();
    api.getTask.mockResolvedValue({
      ...failedTaskDetails,
      ...awaitingTask,
      attempts: [],
      breakers: [],
    });
    api.approveTask.mockRejectedValue(
      new Error('Task 42 is pending, not awaiting_approval'),
    );
    await renderQueue(api, '/platform-tasks?task=42');

    const details = await screen.findByRole('region', { name: 'Task 42' });
    await userEvent.click(
      await within(details).findByRole('button', { name: 'Approve' }),
    );

    expect(
      await within(details).findByText('Error: Could not approve task #42'),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Task 42 is pending, not awaiting_approval'),
    ).toBeInTheDocument();
    expect(api.approveTask).toHaveBeenCalledWith(42);
    await waitFor(() => expect(api.getTask).toHaveBeenCalledTimes(2));
  });
});
