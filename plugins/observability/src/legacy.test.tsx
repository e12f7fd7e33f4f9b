import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { mockObservabilityApi } from './__fixtures__/mockObservabilityApi';
import { firingAlert } from './__fixtures__/observability';
import { ObservabilityApi, observabilityApiRef } from './api';
import {
  EntityAlertsCard,
  EntityGoldenSignalsCard,
  EntityLogsContent,
  EntityObservabilityContent,
  isObservabilityAvailable,
  observabilityPlugin,
  ObservabilityPage,
} from './index';
import { observabilityRouteRef } from './routes';

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

function renderLegacy(
  api: ObservabilityApi,
  element: ReactNode,
  routeEntries?: string[],
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [observabilityApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

jest.setTimeout(60_000);

describe('the legacy observability plugin', () => {
  it('provides the observability API and the page route', () => {
    expect(observabilityPlugin.getId()).toBe('observability');
    expect([...observabilityPlugin.getApis()].map(f => f.api.id)).toEqual([
      observabilityApiRef.id,
    ]);
    expect(observabilityPlugin.routes).toEqual({ root: observabilityRouteRef });
    expect(isObservabilityAvailable(component)).toBe(true);
    expect(isObservabilityAvailable({ ...component, kind: 'API' })).toBe(false);
  });

  it('renders the page with stack health, linking to the metric explorer tab', async () => {
    const api = mockObservabilityApi();
    await renderLegacy(
      api,
      <Routes>
        <Route path="/observability/*" element={<ObservabilityPage />} />
      </Routes>,
      ['/observability'],
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Observability' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Observability stacks' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'metric explorer' }),
    ).toHaveAttribute('href', '/observability/explore');
  });

  it('renders the entity content and the overview cards of a component', async () => {
    const api = mockObservabilityApi();
    await renderLegacy(
      api,
      <EntityProvider entity={component}>
        <EntityObservabilityContent />
        <EntityAlertsCard />
        <EntityGoldenSignalsCard />
      </EntityProvider>,
    );
    expect(
      await screen.findAllByRole('list', { name: 'Latency series' }),
    ).toHaveLength(2);
    const alertLinks = await screen.findAllByRole('link', {
      name: new RegExp(firingAlert.alertName),
    });
    expect(alertLinks.map(link => link.getAttribute('href'))).toContain(
      `/catalog/default/component/payments-api/observability?alert=${firingAlert.id}`,
    );
    expect(api.getGoldenSignals).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );
    // Four panels each in the content and the card; by text, as role queries are slow here.
    expect(
      screen
        .getAllByText('Logs of this window')
        .map(text => text.closest('a')?.getAttribute('href')),
    ).toEqual(
      Array(8).fill('/catalog/default/component/payments-api/logs?range=1h'),
    );
  });

  it('renders the Logs content of a component on the window its URL names', async () => {
    const api = mockObservabilityApi();
    await renderLegacy(
      api,
      <EntityProvider entity={component}>
        <EntityLogsContent />
      </EntityProvider>,
      ['/catalog/default/component/payments-api/logs?from=1000&to=2000'],
    );
    expect(
      await screen.findByRole('list', { name: 'Log lines' }),
    ).toHaveTextContent('request failed: upstream card processor returned 502');
    expect(api.getLogs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        start: 1000,
        end: 2000,
      }),
    );
  });
});
