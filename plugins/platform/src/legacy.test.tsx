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
import { staleContext } from './__fixtures__/agentContext';
import { complianceOverview, driftedReport } from './__fixtures__/conventions';
import { mockPlatformApi } from './__fixtures__/platformApi';
import { authSummary, searchSummary } from './__fixtures__/specs';
import { awaitingTask } from './__fixtures__/tasks';
import { PlatformApi, platformApiRef } from './api';
import {
  ConventionsPage,
  EntityAgentContextContent,
  EntityConventionsContent,
  EntityMaintenanceContent,
  EntitySpecsContent,
  isAgentContextAvailable,
  isConventionsAvailable,
  isMaintenanceAvailable,
  isSpecsAvailable,
  platformPlugin,
  PlatformTasksPage,
  SpecsPage,
} from './index';
import {
  conventionsRouteRef,
  platformTasksRouteRef,
  specsRouteRef,
} from './routes';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

function answeringApi(): jest.Mocked<PlatformApi> {
  const api = mockPlatformApi();
  api.listSpecs.mockResolvedValue({
    items: [authSummary, searchSummary],
    totalCount: 2,
  });
  api.listTasks.mockResolvedValue({
    items: [awaitingTask],
    totalCount: 1,
    offset: 0,
    limit: 20,
  });
  api.listTaskBreakers.mockResolvedValue({ items: [] });
  api.listConventionCompliance.mockResolvedValue(complianceOverview);
  api.getConventions.mockResolvedValue(driftedReport);
  api.getAgentContext.mockResolvedValue(staleContext);
  return api;
}

// What a legacy app gives the extensions: its own API holder, routes bound
// in App.tsx and, on entity pages, the entity.
function renderLegacy(
  api: PlatformApi,
  element: ReactNode,
  routeEntries?: string[],
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [platformApiRef, api],
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
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

jest.setTimeout(60_000);

describe('the legacy platform plugin', () => {
  it('provides the platform API and the three page routes', () => {
    expect(platformPlugin.getId()).toBe('platform');
    expect([...platformPlugin.getApis()].map(f => f.api.id)).toEqual([
      platformApiRef.id,
    ]);
    expect(platformPlugin.routes).toEqual({
      specs: specsRouteRef,
      platformTasks: platformTasksRouteRef,
      conventions: conventionsRouteRef,
    });
  });

  it('offers the tabs on components only', () => {
    const api: Entity = { ...component, kind: 'API' };
    for (const isAvailable of [
      isSpecsAvailable,
      isConventionsAvailable,
      isMaintenanceAvailable,
      isAgentContextAvailable,
    ]) {
      expect(isAvailable(component)).toBe(true);
      expect(isAvailable(api)).toBe(false);
    }
  });

  it('renders the spec portfolio page with its header', async () => {
    const api = answeringApi();
    await renderLegacy(
      api,
      <Routes>
        <Route path="/specs" element={<SpecsPage />} />
      </Routes>,
      ['/specs'],
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Specs' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Payment authentication' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/specs?spec=001-auth',
    );
  });

  it('renders the platform task queue page', async () => {
    const api = answeringApi();
    await renderLegacy(
      api,
      <Routes>
        <Route path="/platform-tasks" element={<PlatformTasksPage />} />
      </Routes>,
      ['/platform-tasks'],
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Platform tasks' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: awaitingTask.title }),
    ).toBeInTheDocument();
    expect(api.listTasks).toHaveBeenCalledWith({ offset: 0, limit: 20 });
  });

  it('renders the conventions overview page, linking open tasks to the queue', async () => {
    const api = answeringApi();
    await renderLegacy(
      api,
      <Routes>
        <Route path="/conventions" element={<ConventionsPage />} />
        <Route path="/platform-tasks" element={<PlatformTasksPage />} />
      </Routes>,
      ['/conventions'],
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Conventions' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /#42/ })).toHaveAttribute(
      'href',
      '/platform-tasks?task=42',
    );
  });

  const inEntity = (element: ReactNode) => (
    <EntityProvider entity={component}>{element}</EntityProvider>
  );

  it('renders the Specs content of a component', async () => {
    const api = answeringApi();
    await renderLegacy(api, inEntity(<EntitySpecsContent />));
    expect(
      await screen.findByText('Payment authentication'),
    ).toBeInTheDocument();
    expect(api.listSpecs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );
  });

  it('renders the Conventions content of a component', async () => {
    const api = answeringApi();
    await renderLegacy(api, inEntity(<EntityConventionsContent />));
    expect(
      await screen.findByText('Pack: Node.js service'),
    ).toBeInTheDocument();
  });

  it('renders the Maintenance content of a component', async () => {
    const api = answeringApi();
    await renderLegacy(api, inEntity(<EntityMaintenanceContent />));
    expect(
      await screen.findByRole('link', { name: awaitingTask.title }),
    ).toBeInTheDocument();
    expect(api.listTasks).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );
  });

  it('renders the Agent context content of a component', async () => {
    const api = answeringApi();
    await renderLegacy(api, inEntity(<EntityAgentContextContent />));
    expect((await screen.findAllByText('AGENTS.md'))[0]).toBeInTheDocument();
    expect(api.getAgentContext).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
  });
});
