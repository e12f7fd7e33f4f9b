import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockObservabilityApi } from './__fixtures__/mockObservabilityApi';
import { ObservabilityClient, observabilityApiRef } from './api';
import {
  entityObservabilityContent,
  observabilityApi,
  observabilityPlugin,
} from './plugin';

jest.setTimeout(20_000);

describe('observabilityPlugin', () => {
  it('serves stack health under /observability with an "Observability" nav item', async () => {
    renderTestApp({
      features: [observabilityPlugin],
      apis: [[observabilityApiRef, mockObservabilityApi()]],
      initialRouteEntries: ['/observability'],
    });

    expect(
      await screen.findByRole(
        'table',
        { name: 'Observability stacks' },
        // The page and its sub-page load lazily.
        { timeout: 10_000 },
      ),
    ).toHaveTextContent('observability/main');
    expect(screen.getByText('alertmanager main down')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: /Observability/ }),
    ).toHaveAttribute('href', '/observability');
  });

  it('opens the metric explorer for the entity named in the URL', async () => {
    const api = mockObservabilityApi();
    renderTestApp({
      features: [observabilityPlugin],
      apis: [[observabilityApiRef, api]],
      initialRouteEntries: [
        '/observability/explore?entity=component:default/payments-api&query=up',
      ],
    });

    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Run query' },
        { timeout: 10_000 },
      ),
    );

    expect(await screen.findByLabelText('Scoped query')).toBeInTheDocument();
    expect(api.queryRange).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        query: 'up',
      }),
    );
  });

  it('declares the entity tab and the API', () => {
    const tab = createExtensionTester(entityObservabilityContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('observability');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Observability',
    );

    const factory = createExtensionTester(observabilityApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(observabilityApiRef.id);
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: mockApis.fetch(),
      }),
    ).toBeInstanceOf(ObservabilityClient);
  });
});
