import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRef } from '../../__fixtures__/observability';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { LogsTabHref, logsTabSearch } from '../EntityLogsContent/logsTabLink';
import { GoldenSignalDashboard } from './GoldenSignalDashboard';

function renderDashboard(api: ObservabilityApi, logsHref?: LogsTabHref) {
  return renderInTestApp(
    <GoldenSignalDashboard entityRef={entityRef} logsHref={logsHref} />,
    { apis: [[observabilityApiRef, api]] },
  );
}

// jsdom renders the charts slowly on a loaded machine.
jest.setTimeout(20_000);

describe('GoldenSignalDashboard', () => {
  it('renders the four panels with their series and latest values', async () => {
    const api = mockObservabilityApi();
    const { container } = await renderDashboard(api);

    const latency = await screen.findByRole('list', { name: 'Latency series' });
    expect(
      within(latency)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['■ p50: 22 ms', '■ p95: 420 ms', '■ p99: 1.2 s']);
    expect(
      screen.getByRole('list', { name: 'Traffic series' }),
    ).toHaveTextContent('traffic: 131.7 req/s');
    expect(
      screen.getByRole('list', { name: 'Errors series' }),
    ).toHaveTextContent('errors: 3.4 %');
    expect(
      screen.getByRole('list', { name: 'Saturation series' }),
    ).toHaveTextContent('■ cpu: 52 %■ memory: 64 %');
    // One line per series: 3 + 1 + 1 + 2.
    expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(
      7,
    );
  });

  it('asks for the last hour by default and for the picked range after a click', async () => {
    const api = mockObservabilityApi();
    await renderDashboard(api);
    await screen.findByRole('list', { name: 'Latency series' });
    const first = api.getGoldenSignals.mock.calls[0][0];
    expect(first.entityRef).toBe(entityRef);
    expect(first.end! - first.start!).toBe(3600_000);

    await userEvent.click(screen.getByRole('button', { name: 'Last 6h' }));

    await waitFor(() => expect(api.getGoldenSignals).toHaveBeenCalledTimes(2));
    const second = api.getGoldenSignals.mock.calls[1][0];
    expect(second.end! - second.start!).toBe(6 * 3600_000);
    expect(screen.getByRole('button', { name: 'Last 6h' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('shows the scoped queries when expanded', async () => {
    await renderDashboard(mockObservabilityApi());

    await userEvent.click(
      await screen.findByRole('button', { name: 'Scoped queries (7)' }),
    );

    expect(
      screen.getByText(
        'sum(rate(http_request_duration_seconds_count{namespace="payments"}[5m]))',
      ),
    ).toBeInTheDocument();
  });

  it('names the annotations to add when the entity has no scope (400)', async () => {
    const api = mockObservabilityApi();
    api.getGoldenSignals.mockRejectedValue(
      backendError(
        400,
        'component:default/payments-api cannot be queried: it has no observability scope. Add the annotation backstage.io/kubernetes-namespace (its Kubernetes namespace), ...',
      ),
    );
    await renderDashboard(api);

    expect(
      await screen.findByText('This entity has no observability scope'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('catalyst.dev/observability-labels'),
    ).toBeInTheDocument();
    expect(screen.getByText(/cannot be queried/)).toBeInTheDocument();
  });

  it('names the unreachable instance (503)', async () => {
    const api = mockObservabilityApi();
    api.getGoldenSignals.mockRejectedValue(
      backendError(
        503,
        "Prometheus instance 'eu' (http://prometheus-eu:9090) did not answer within 10000ms",
      ),
    );
    await renderDashboard(api);

    expect(
      await screen.findByText(
        'Instance eu (http://prometheus-eu:9090) is unreachable',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/did not answer within 10000ms/),
    ).toBeInTheDocument();
  });

  it('links every panel to the Logs tab on the window it shows', async () => {
    const logsHref: LogsTabHref = window => `/logs${logsTabSearch(window)}`;
    await renderDashboard(mockObservabilityApi(), logsHref);
    await screen.findByRole('list', { name: 'Latency series' });

    // By text, not role: role queries are slow on the charts' DOM.
    const links = () =>
      screen
        .getAllByText('Logs of this window')
        .map(text => text.closest('a')?.getAttribute('href'));
    expect(links()).toEqual(Array(4).fill('/logs?range=1h'));

    await userEvent.click(screen.getByRole('button', { name: 'Last 6h' }));
    await waitFor(() =>
      expect(links()).toEqual(Array(4).fill('/logs?range=6h')),
    );
  });

  it('says how to get a Prometheus when none is configured', async () => {
    const api = mockObservabilityApi();
    api.getGoldenSignals.mockRejectedValue(
      backendError(
        503,
        'No prometheus instance is configured: add one under observability.prometheus.instances',
      ),
    );
    await renderDashboard(api);

    expect(
      await screen.findByText('No Prometheus is configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('./scripts/start.sh')).toBeInTheDocument();
    expect(
      screen.getByText('scripts/observability.sh install'),
    ).toBeInTheDocument();
    // The config to add, in a code snippet that renders once its highlighter loads.
    await waitFor(() =>
      expect(document.body).toHaveTextContent(
        'baseUrl: http://prometheus.example.internal:9090',
      ),
    );
  });
});
