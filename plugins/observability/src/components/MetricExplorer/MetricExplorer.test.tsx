import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EditorView } from '@codemirror/view';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityRef } from '../../__fixtures__/observability';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { MetricExplorer } from './MetricExplorer';

const query = 'sum by (code) (rate(http_request_duration_seconds_count[5m]))';

function renderExplorer(api: ObservabilityApi, initialQuery?: string) {
  return renderInTestApp(
    <MetricExplorer entityRef={entityRef} initialQuery={initialQuery} />,
    { apis: [[observabilityApiRef, api]] },
  );
}

jest.setTimeout(20_000);

describe('MetricExplorer', () => {
  it('runs what is typed in the editor as a range query and charts the scoped result', async () => {
    const api = mockObservabilityApi();
    await renderExplorer(api);
    const run = screen.getByRole('button', { name: 'Run query' });
    expect(run).toBeDisabled();

    const content = await screen.findByRole('textbox', {
      name: 'PromQL query',
    });
    const view = EditorView.findFromDOM(content)!;
    act(() => {
      view.dispatch({ changes: { from: 0, insert: query } });
    });
    await userEvent.click(run);

    expect(
      await screen.findByRole('list', { name: 'Query result series' }),
    ).toHaveTextContent('■ {code="200"}: 120■ {code="500"}: 4.5');
    expect(screen.getByLabelText('Scoped query')).toHaveTextContent(
      'sum by (code) (rate(http_request_duration_seconds_count{namespace="payments"}[5m]))',
    );
    const call = api.queryRange.mock.calls[0][0];
    expect(call.query).toBe(query);
    expect(call.entityRef).toBe(entityRef);
    expect(call.end - call.start).toBe(3600_000);
  });

  it('runs instant queries into a table', async () => {
    const api = mockObservabilityApi();
    await renderExplorer(api, 'up');

    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    await userEvent.click(screen.getByRole('button', { name: 'Run query' }));

    const table = await screen.findByRole('table', { name: 'Query result' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual(['{code="200"}120', '{code="500"}4.5']);
    expect(api.query).toHaveBeenCalledWith({ entityRef, query: 'up' });
    expect(api.queryRange).not.toHaveBeenCalled();
  });

  it("shows the backend's message when the query is refused", async () => {
    const api = mockObservabilityApi();
    api.queryRange.mockRejectedValue(
      backendError(
        400,
        'query cannot be scoped: 1:5: parse error: unexpected "("',
      ),
    );
    await renderExplorer(api, 'rate(');

    await userEvent.click(screen.getByRole('button', { name: 'Run query' }));

    expect(
      await screen.findByText(
        'query cannot be scoped: 1:5: parse error: unexpected "("',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('The request was refused')).toBeInTheDocument();
  });

  it('sends the picked window with range queries', async () => {
    const api = mockObservabilityApi();
    await renderExplorer(api, 'up');

    await userEvent.click(screen.getByRole('button', { name: 'Last 24h' }));
    await userEvent.click(screen.getByRole('button', { name: 'Run query' }));

    await waitFor(() => expect(api.queryRange).toHaveBeenCalledTimes(1));
    const call = api.queryRange.mock.calls[0][0];
    expect(call.end - call.start).toBe(24 * 3600_000);
  });
});
