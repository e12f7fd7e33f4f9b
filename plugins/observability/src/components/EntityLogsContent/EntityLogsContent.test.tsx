import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { entityLogsContent } from '../../plugin';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': 'payments' },
  },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

function renderTab(api: ObservabilityApi, route = '/') {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity: component }),
      entityLogsContent,
    ],
    apis: [[observabilityApiRef, api]],
    initialRouteEntries: [route],
  });
}

jest.setTimeout(20_000);

describe('EntityLogsContent', () => {
  it('shows the scoped lines with their fields and trace links, and field completion', async () => {
    const api = mockObservabilityApi();
    renderTab(api);

    const list = await screen.findByRole(
      'list',
      { name: 'Log lines' },
      { timeout: 10_000 },
    );
    expect(list).toHaveTextContent(
      '[error] request failed: upstream card processor returned 502',
    );
    expect(list).toHaveTextContent('[info] request served');
    expect(screen.getByText('{namespace="payments"}')).toBeInTheDocument();
    expect(api.getLogs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );

    await userEvent.click(
      within(list).getByText(/request failed: upstream card processor/),
    );
    const fields = screen.getByRole('table', { name: 'Fields' });
    expect(fields).toHaveTextContent('status500');
    expect(
      within(fields).getByRole('link', {
        name: '4bf92f3577b34da6a3ce929d0e0e4736',
      }),
    ).toHaveAttribute(
      'href',
      'https://traces.test/trace/4bf92f3577b34da6a3ce929d0e0e4736',
    );

    await userEvent.click(
      within(screen.getByRole('group', { name: 'Field completion' })).getByText(
        'trace_id',
      ),
    );
    expect(screen.getByRole('textbox', { name: 'LogsQL query' })).toHaveValue(
      'trace_id:',
    );
  });

  it('filters by LogsQL and by level', async () => {
    const api = mockObservabilityApi();
    renderTab(api);
    await screen.findByRole('list', { name: 'Log lines' }, { timeout: 10_000 });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'LogsQL query' }),
      '"card processor"{enter}',
    );
    expect(api.getLogs).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: '"card processor"' }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'error' }));
    expect(api.getLogs).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: '"card processor"', level: 'error' }),
    );
    expect(api.getLogVolume).toHaveBeenLastCalledWith(
      expect.objectContaining({ level: 'error' }),
    );
  });

  it('prepends tailed lines while the live tail runs', async () => {
    const api = mockObservabilityApi();
    api.tailLogs.mockImplementation(async options => {
      options.onLines([
        {
          timestampNs: '1768471300000000000',
          timestamp: 1768471300000,
          line: 'tailed line',
          labels: { namespace: 'payments' },
          fields: { level: 'warn' },
        },
      ]);
      await new Promise<void>(done =>
        options.signal.addEventListener('abort', () => done()),
      );
    });
    renderTab(api);
    await screen.findByRole('list', { name: 'Log lines' }, { timeout: 10_000 });

    await userEvent.click(screen.getByRole('button', { name: 'Live tail' }));
    const list = screen.getByRole('list', { name: 'Log lines' });
    expect(await within(list).findByText(/tailed line/)).toBeInTheDocument();
    expect(api.tailLogs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Stop live tail' }),
    );
    expect(
      screen.getByRole('button', { name: 'Live tail' }),
    ).toBeInTheDocument();
  });

  it('opens on the window a link names and goes back to a range when one is picked', async () => {
    const api = mockObservabilityApi();
    const start = 1768470000000;
    const end = 1768473600000;
    renderTab(api, `/logs?from=${start}&to=${end}&query=level%3Aerror`);
    await screen.findByRole('list', { name: 'Log lines' }, { timeout: 10_000 });

    expect(api.getLogs).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: 'level:error', start, end }),
    );
    expect(api.getLogVolume).toHaveBeenLastCalledWith(
      expect.objectContaining({ start, end }),
    );
    for (const name of ['Last 15m', 'Last 1h']) {
      expect(screen.getByRole('button', { name })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
    }

    await userEvent.click(screen.getByRole('button', { name: 'Last 15m' }));
    const last = api.getLogs.mock.calls.at(-1)![0];
    expect(last.end! - last.start!).toBe(15 * 60_000);
  });

  it('explains a missing log store instead of a bare error', async () => {
    const api = mockObservabilityApi();
    const missing = backendError(
      503,
      'No logs instance is configured: add one under observability.logs.instances',
    );
    api.getLogs.mockRejectedValue(missing);
    api.getLogVolume.mockRejectedValue(missing);
    renderTab(api);

    expect(
      await screen.findByText(
        'No log store is configured',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/scripts\/start\.sh/)).not.toHaveLength(0);
    expect(screen.queryByRole('img', { name: 'Log volume' })).toBeNull();
  });
});
