import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { fireEvent, screen, within } from '@testing-library/react';
import { authSummary } from './__fixtures__/specs';
import { PlatformApi, PlatformClient, platformApiRef } from './api';
import {
  conventionsOverviewPage,
  entityConventionsContent,
  entityMaintenanceContent,
  entitySpecsContent,
  platformApi,
  platformPlugin,
  platformTasksPage,
  specBrowserPage,
} from './plugin';
import { complianceOverview } from './__fixtures__/conventions';
import { awaitingTask } from './__fixtures__/tasks';
import { mockPlatformApi as mockEveryMethod } from './__fixtures__/platformApi';

// The pages load lazily; on a busy machine that takes seconds.
jest.setTimeout(60_000);

describe('platformPlugin', () => {
  it('serves the spec portfolio at /specs with a "Specs" nav item', async () => {
    const api: jest.Mocked<PlatformApi> = {
      ...mockEveryMethod(),
      listSpecs: jest.fn(async () => ({ items: [authSummary], totalCount: 1 })),
      getSpec: jest.fn(),
      getSpecFile: jest.fn(),
      refreshSpecs: jest.fn(),
      getAgentContext: jest.fn(),
      generateAgentContext: jest.fn(),
      checkAgentContext: jest.fn(),
      refreshAgentContext: jest.fn(),
    };
    renderTestApp({
      features: [platformPlugin],
      apis: [[platformApiRef, api]],
      initialRouteEntries: ['/specs'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole(
        'link',
        { name: 'Payment authentication' },
        // The page and the table load lazily.
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(within(nav).getByRole('link', { name: /Specs/ })).toHaveAttribute(
      'href',
      '/specs',
    );
  });

  it('serves the task queue and the conventions overview with their nav items', async () => {
    const api = mockEveryMethod();
    api.listTasks.mockResolvedValue({
      items: [awaitingTask],
      totalCount: 1,
      offset: 0,
      limit: 20,
    });
    api.listTaskBreakers.mockResolvedValue({ items: [] });
    api.listConventionCompliance.mockResolvedValue(complianceOverview);
    renderTestApp({
      features: [platformPlugin],
      apis: [[platformApiRef, api]],
      initialRouteEntries: ['/platform-tasks'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole(
        'link',
        { name: awaitingTask.title },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: /Platform tasks/ }),
    ).toHaveAttribute('href', '/platform-tasks');
    expect(
      within(nav).getByRole('link', { name: /Conventions/ }),
    ).toHaveAttribute('href', '/conventions');

    fireEvent.click(within(nav).getByRole('link', { name: /Conventions/ }));
    const task = await screen.findByRole(
      'link',
      { name: 'Task #42' },
      { timeout: 20_000 },
    );
    expect(task).toHaveAttribute('href', '/platform-tasks?task=42');
  });

  it('declares the page, the entity tab and the API', () => {
    const tasks = createExtensionTester(platformTasksPage);
    expect(tasks.get(coreExtensionData.routePath)).toBe('/platform-tasks');
    expect(tasks.get(coreExtensionData.title)).toBe('Platform tasks');
    const conventions = createExtensionTester(conventionsOverviewPage);
    expect(conventions.get(coreExtensionData.routePath)).toBe('/conventions');
    expect(conventions.get(coreExtensionData.title)).toBe('Conventions');
    expect(
      createExtensionTester(entityMaintenanceContent).get(
        coreExtensionData.routePath,
      ),
    ).toBe('platform-tasks');
    expect(
      createExtensionTester(entityConventionsContent).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('Conventions');

    const page = createExtensionTester(specBrowserPage);
    expect(page.get(coreExtensionData.routePath)).toBe('/specs');
    expect(page.get(coreExtensionData.title)).toBe('Specs');

    const tab = createExtensionTester(entitySpecsContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('specs');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Specs');

    const factory = createExtensionTester(platformApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(platformApiRef.id);
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: mockApis.fetch(),
      }),
    ).toBeInstanceOf(PlatformClient);
  });
});
