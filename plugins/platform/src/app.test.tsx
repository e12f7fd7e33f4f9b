import { Entity } from '@backstage/catalog-model';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openedRefresh, staleContext } from './__fixtures__/agentContext';
import { authDetail, authSummary } from './__fixtures__/specs';
import { complianceOverview, driftedReport } from './__fixtures__/conventions';
import { awaitingTask, awaitingTaskDetails } from './__fixtures__/tasks';
import { PlatformApi, platformApiRef } from './api';
import platformPlugin from './alpha';
import { mockPlatformApi as mockEveryMethod } from './__fixtures__/platformApi';

// What the app's feature discovery loads: the package's default export, next
// to the real catalog plugin and its entity page.
describe('platform plugin in an app', () => {
  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/payments-team' },
  };
  const platformApi: PlatformApi = {
    ...mockEveryMethod(),
    listSpecs: async () => ({ items: [authSummary], totalCount: 1 }),
    getSpec: async () => authDetail,
    getSpecFile: async ({ path }) => ({
      path,
      kind: 'spec',
      content: '# Payment authentication',
      mediaType: 'text/markdown',
    }),
    refreshSpecs: async ({ entityRef }) => ({
      entityRef,
      updated: 0,
      unchanged: 1,
      removed: 0,
    }),
    getAgentContext: async () => staleContext,
    generateAgentContext: async () => staleContext,
    checkAgentContext: async () => {
      throw new Error('not used');
    },
    refreshAgentContext: async () => openedRefresh,
    listTasks: async () => ({
      items: [awaitingTask],
      totalCount: 1,
      offset: 0,
      limit: 20,
    }),
    listTaskBreakers: async () => ({ items: [] }),
    getTask: async () => awaitingTaskDetails,
    getConventions: async () => driftedReport,
    listConventionCompliance: async () => complianceOverview,
  };

  const savedEnv = process.env;
  afterEach(() => {
    process.env = savedEnv;
  });

  const apiModule = (
    pluginId: string,
    api: ReturnType<typeof ApiBlueprint.make>,
  ) => createFrontendModule({ pluginId, extensions: [api] });

  function renderApp(path: string) {
    process.env = {
      ...savedEnv,
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test', extensions: [{ 'sign-in-page:app': false }] },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    window.history.pushState({}, '', path);
    const app = createApp({
      features: [
        catalogPlugin,
        platformPlugin,
        apiModule(
          'catalog',
          ApiBlueprint.make({
            params: define =>
              define({
                api: catalogApiRef,
                deps: {},
                factory: () => catalogApiMock({ entities: [component] }),
              }),
          }),
        ),
        apiModule(
          'platform',
          ApiBlueprint.make({
            params: define =>
              define({
                api: platformApiRef,
                deps: {},
                factory: () => platformApi,
              }),
          }),
        ),
      ],
    });
    render(app.createRoot());
  }

  it('goes from the portfolio to a spec in the component Specs tab and back', async () => {
    renderApp('/specs');

    const nav = await screen.findByRole('navigation', { name: 'sidebar nav' });
    expect(within(nav).getByRole('link', { name: /Specs/ })).toHaveAttribute(
      'href',
      '/specs',
    );
    const spec = await screen.findByRole(
      'link',
      { name: 'Payment authentication' },
      { timeout: 15_000 },
    );
    await userEvent.click(spec);

    expect(
      await screen.findByRole(
        'tab',
        { name: 'Tasks (3 / 5)' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe(
      '/catalog/default/component/payments-api/specs',
    );
    expect(window.location.search).toBe('?spec=001-auth');

    await userEvent.click(screen.getByRole('link', { name: /All specs/ }));

    expect(
      await screen.findByText('Specs (1)', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(window.location.search).toBe('');
  }, 60_000);

  it('goes from the conventions overview to a task, then to the component tabs', async () => {
    renderApp('/conventions');

    expect(
      await screen.findByText('Components (2)', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Task #42' }));

    const details = await screen.findByRole(
      'region',
      { name: 'Task 42' },
      { timeout: 15_000 },
    );
    expect(window.location.pathname).toBe('/platform-tasks');
    expect(window.location.search).toBe('?task=42');
    expect(
      await within(details).findByText(awaitingTask.title),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Close task details' }),
    );
    await waitFor(() => expect(window.location.search).toBe(''));

    await userEvent.click(
      within(
        screen.getByRole('link', { name: awaitingTask.title }).closest('tr')!,
      ).getByRole('link', { name: 'payments-api' }),
    );
    expect(
      await screen.findByRole(
        'heading',
        { name: 'About' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe(
      '/catalog/default/component/payments-api',
    );

    window.history.pushState(
      {},
      '',
      '/catalog/default/component/payments-api/conventions',
    );
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(
      await screen.findByText('Pack: Node.js service', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();

    window.history.pushState(
      {},
      '',
      '/catalog/default/component/payments-api/platform-tasks',
    );
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(
      await screen.findByText('Platform tasks (1)', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
  }, 60_000);
});
