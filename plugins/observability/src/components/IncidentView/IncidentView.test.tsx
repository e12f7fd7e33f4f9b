import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { incident } from '../../__fixtures__/observability';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { LogsTabHref, logsTabSearch } from '../EntityLogsContent/logsTabLink';
import { IncidentView } from './IncidentView';

function renderIncident(api: ObservabilityApi, logsHref?: LogsTabHref) {
  return renderInTestApp(
    <IncidentView alertId={17} backHref="/alerts" logsHref={logsHref} />,
    { apis: [[observabilityApiRef, api]] },
  );
}

jest.setTimeout(20_000);

describe('IncidentView', () => {
  it('puts the alert, the related alert and the error log on one timeline in time order', async () => {
    const api = mockObservabilityApi();
    await renderIncident(api);

    const timeline = await screen.findByRole('list', {
      name: 'Incident timeline',
    });
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map(i => within(i).getAllByText(/./)[0].textContent)).toEqual([
      'related',
      'related',
      'fired',
      'error log',
    ]);
    expect(items[0]).toHaveTextContent('PaymentsApiSlowResponses fired');
    expect(items[1]).toHaveTextContent('PaymentsApiSlowResponses resolved');
    expect(items[2]).toHaveTextContent('PaymentsApiHighErrorRate fired');
    expect(items[3]).toHaveTextContent('level=error msg="charge failed"');
    expect(items[3]).toHaveTextContent('payments-api-7d9f-x2k');
    expect(
      within(items[3]).getByRole('link', { name: /^trace/ }),
    ).toHaveAttribute('href', incident.traceLinks[0].url);
    expect(api.getIncident).toHaveBeenCalledWith({ alertId: 17 });
  });

  it('charts the golden signals of the window and lists trace links and warnings', async () => {
    await renderIncident(mockObservabilityApi());

    expect(
      await screen.findByRole('list', { name: 'Errors series' }),
    ).toHaveTextContent('errors: 3.4 %');
    expect(
      screen.getByRole('list', { name: 'Latency series' }),
    ).toHaveTextContent('p99: 1.2 s');
    expect(
      within(screen.getByRole('list', { name: 'Trace links' })).getByRole(
        'link',
        {
          name: /^Trace 4bf92f35/,
        },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Loki instance main answered slowly; logs may be incomplete',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: /Scoped queries/ }),
    );
    expect(
      screen.getByText('{namespace="payments"} |~ "(?i)(error|fatal)"'),
    ).toBeInTheDocument();
  });

  it("shows Catalyst's investigation of the episode: ranked causes, signals, patterns, issue", async () => {
    const api = mockObservabilityApi();
    await renderIncident(api);

    const causes = await screen.findByRole('list', { name: 'Probable causes' });
    expect(within(causes).getByRole('link')).toHaveAttribute(
      'href',
      'https://github.com/acme/payments-api/pull/123',
    );
    expect(causes).toHaveTextContent(
      '1. PR #123: feat(payments): call ledger-worker synchronously',
    );
    expect(causes).toHaveTextContent(
      'error ratio rose 40× (0.5 % → 20 %) within 2 minutes of PR #123 merging',
    );
    expect(
      screen.getByRole('table', { name: 'Signal changes' }),
    ).toHaveTextContent('errors0.5 %20 %40×');
    expect(
      screen.getByRole('table', { name: 'Error log patterns' }),
    ).toHaveTextContent('timeout calling ledger-worker after <n>ms080');
    const deployments = screen.getByRole('list', { name: 'Deployments' });
    expect(within(deployments).getByRole('link')).toHaveAttribute(
      'href',
      'https://github.com/acme/ledger-worker/deployments/production',
    );
    expect(deployments).toHaveTextContent(
      'acme/ledger-worker v2.1.0 (abcdef0) to production',
    );
    expect(deployments).toHaveTextContent(
      'dependency component:default/ledger-worker · weekly release',
    );
    expect(
      screen.getByRole('link', { name: /GitHub issue #9/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/issues/9');
    expect(api.getInvestigations).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      fingerprint: incident.alert.fingerprint,
    });
  });

  it('shows why the incident cannot be read', async () => {
    const api = mockObservabilityApi();
    api.getIncident.mockRejectedValue(backendError(404, 'No alert with id 17'));
    await renderIncident(api);

    expect(await screen.findByText('No alert with id 17')).toBeInTheDocument();
  });

  it('links the timeline to the Logs tab on the incident window', async () => {
    await renderIncident(mockObservabilityApi(), window => {
      return `/logs${logsTabSearch(window)}`;
    });

    await screen.findByRole('list', { name: 'Incident timeline' });
    expect(
      screen.getByRole('link', { name: /All logs of this window/ }),
    ).toHaveAttribute(
      'href',
      `/logs?from=${incident.window.start}&to=${incident.window.end}`,
    );
  });
});
