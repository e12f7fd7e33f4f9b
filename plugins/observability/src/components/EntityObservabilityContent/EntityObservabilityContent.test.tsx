import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockObservabilityApi } from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { entityObservabilityContent } from '../../plugin';

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

function renderTab(options: {
  api: ObservabilityApi;
  entity?: Entity;
  url?: string;
}) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity: options.entity ?? component }),
      entityObservabilityContent,
    ],
    apis: [[observabilityApiRef, options.api]],
    initialRouteEntries: [options.url ?? '/'],
  });
}

jest.setTimeout(20_000);

describe('EntityObservabilityContent', () => {
  it('is only offered on components', async () => {
    renderTab({
      api: mockObservabilityApi(),
      entity: { ...component, kind: 'API' },
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('shows golden signals and alerts of the component, and opens an incident from an alert', async () => {
    const api = mockObservabilityApi();
    renderTab({ api });

    expect(
      await screen.findByRole(
        'list',
        { name: 'Latency series' },
        { timeout: 10_000 },
      ),
    ).toHaveTextContent('p95: 420 ms');
    expect(api.getGoldenSignals).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Alert rules' }),
    ).toHaveTextContent('slack #payments-alerts');
    expect(api.getRules).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });

    await userEvent.click(
      await screen.findByRole('link', { name: 'PaymentsApiHighErrorRate' }),
    );

    expect(
      await screen.findByRole('list', { name: 'Incident timeline' }),
    ).toHaveTextContent('PaymentsApiHighErrorRate fired');
    expect(api.getIncident).toHaveBeenCalledWith({ alertId: 17 });
  });

  it('switches to the metric explorer', async () => {
    renderTab({ api: mockObservabilityApi() });

    await userEvent.click(
      await screen.findByRole('tab', { name: 'Explore' }, { timeout: 10_000 }),
    );

    expect(
      await screen.findByRole('textbox', { name: 'PromQL query' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run query' })).toBeDisabled();
  });
});
