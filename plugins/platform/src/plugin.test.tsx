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
import { screen, within } from '@testing-library/react';
import { authSummary } from './__fixtures__/specs';
import { PlatformApi, PlatformClient, platformApiRef } from './api';
import {
  entitySpecsContent,
  platformApi,
  platformPlugin,
  specBrowserPage,
} from './plugin';
import { mockPlatformApi as mockEveryMethod } from './__fixtures__/platformApi';

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
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(within(nav).getByRole('link', { name: /Specs/ })).toHaveAttribute(
      'href',
      '/specs',
    );
  });

  it('declares the page, the entity tab and the API', () => {
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
