import { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authDetail, authSummary } from '../../../__fixtures__/specs';
import { PlatformApi, platformApiRef, SpecLocator } from '../../../api';
import { entitySpecsContent } from '../../../plugin';
import { techdocsDocRouteRef } from '../../../routes';
import { mockPlatformApi as mockEveryMethod } from '../../../__fixtures__/platformApi';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

const specFiles: Record<string, { content: string; mediaType: string }> = {
  'spec.md': {
    mediaType: 'text/markdown',
    content: [
      '# Feature Specification: Payment authentication',
      '',
      '| Field | Value |',
      '| ----- | ----- |',
      '| Status | In progress |',
      '',
      '```ts',
      'const token = sign(user);',
      '```',
    ].join('\n'),
  },
  'contracts/auth.yaml': {
    mediaType: 'application/yaml',
    content: 'openapi: 3.0.0\npaths:\n  /sign-in: {}\n',
  },
};

function mockPlatformApi(): jest.Mocked<PlatformApi> {
  return {
    ...mockEveryMethod(),
    listSpecs: jest.fn(async () => ({ items: [authSummary], totalCount: 1 })),
    getSpec: jest.fn(async (_spec: SpecLocator) => authDetail),
    getSpecFile: jest.fn(async ({ path }) => ({
      path,
      kind: 'spec' as const,
      ...(specFiles[path] ?? {
        content: `# ${path}`,
        mediaType: 'text/markdown',
      }),
    })),
    refreshSpecs: jest.fn(async (_options: { entityRef: string }) => ({
      entityRef: 'component:default/payments-api',
      updated: 1,
      unchanged: 0,
      removed: 0,
    })),
    getAgentContext: jest.fn(),
    generateAgentContext: jest.fn(),
    checkAgentContext: jest.fn(),
    refreshAgentContext: jest.fn(),
  };
}

function renderTab(options: {
  api: PlatformApi;
  entity?: Entity;
  url?: string;
  refreshAllowed?: boolean;
  toastApi?: ReturnType<typeof mockApis.toast>;
}) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity: options.entity ?? component }),
      entitySpecsContent,
    ],
    apis: [
      [platformApiRef, options.api],
      options.toastApi ?? mockApis.toast(),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
    mountedRoutes: { '/docs/:namespace/:kind/:name': techdocsDocRouteRef },
    initialRouteEntries: [options.url ?? '/'],
  });
}

// Typing into MUI fields is slow in jsdom on a loaded machine.
jest.setTimeout(20_000);

describe('EntitySpecsContent', () => {
  it('is only offered on components', async () => {
    renderTab({
      api: mockPlatformApi(),
      entity: { ...component, kind: 'API' },
    });

    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it("lists the component's specs", async () => {
    const api = mockPlatformApi();
    renderTab({ api });

    const link = await screen.findByRole('link', {
      name: 'Payment authentication',
    });
    expect(link.getAttribute('href')).toMatch(/\?spec=001-auth$/);
    const row = link.closest('tr')!;
    expect(within(row).getByText('3 / 5')).toBeInTheDocument();
    expect(within(row).getByText('in progress')).toBeInTheDocument();
    expect(api.listSpecs).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      orderBy: 'slug',
      order: 'asc',
      limit: 500,
    });
  });

  it('opens a spec from the list', async () => {
    const api = mockPlatformApi();
    renderTab({ api });

    await userEvent.click(
      await screen.findByRole('link', { name: 'Payment authentication' }),
    );

    expect(await screen.findByText('Tasks (3 / 5)')).toBeInTheDocument();
    expect(api.getSpec).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      slug: '001-auth',
    });
  });

  it('shows a spec named in the URL with its header and tasks by phase', async () => {
    const api = mockPlatformApi();
    renderTab({ api, url: '/?spec=001-auth' });

    expect(
      await screen.findByText('Payment authentication'),
    ).toBeInTheDocument();
    expect(screen.getByText('specs/001-auth')).toBeInTheDocument();
    expect(screen.getAllByText('3 / 5')[0]).toBeInTheDocument();
    expect(screen.getByText('2025-01-15')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Read in TechDocs' }),
    ).toHaveAttribute('href', '/docs/default/spec/payments-api-001-auth');
    const tasks = screen.getByRole('tabpanel', { name: 'Tasks (3 / 5)' });
    expect(
      within(tasks).getByRole('region', { name: 'Phase 1: Setup' }),
    ).toBeInTheDocument();
    expect(
      within(tasks).getByRole('link', { name: '#42' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /All specs/ })).toBeInTheDocument();
    expect(api.listSpecs).not.toHaveBeenCalled();
  });

  it('renders markdown documents with GFM and contracts as code', async () => {
    const api = mockPlatformApi();
    renderTab({ api, url: '/?spec=001-auth' });

    await userEvent.click(
      await screen.findByRole('tab', { name: 'Documents (5)' }),
    );

    const nav = screen.getByRole('navigation', { name: 'Spec documents' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual([
      'spec.md',
      'plan.md',
      'tasks.md',
      'data-model.md',
      'contracts/auth.yaml',
    ]);
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Feature Specification: Payment authentication' },
        // The markdown renderer is loaded on first use.
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveTextContent('StatusIn progress');
    expect(
      await screen.findByText(
        (_, el) =>
          el?.tagName === 'CODE' &&
          el.textContent === 'const token = sign(user);',
      ),
    ).toBeInTheDocument();

    await userEvent.click(within(nav).getByText('contracts/auth.yaml'));

    expect(
      await screen.findByText(
        (_, el) =>
          el?.tagName === 'CODE' &&
          // Numbered lines: `1openapi: 3.0.0`, `2paths:`...
          el.textContent === '1openapi: 3.0.0\n2paths:\n3  /sign-in: {}',
      ),
    ).toBeInTheDocument();
    expect(api.getSpecFile).toHaveBeenLastCalledWith({
      entityRef: 'component:default/payments-api',
      slug: '001-auth',
      path: 'contracts/auth.yaml',
    });
  });

  it('shows stories, requirements, clarifications and pull requests', async () => {
    renderTab({ api: mockPlatformApi(), url: '/?spec=001-auth' });

    await userEvent.click(
      await screen.findByRole('tab', { name: 'Stories & requirements' }),
    );
    const stories = screen.getByRole('region', { name: 'User stories' });
    expect(within(stories).getByText('US1')).toBeInTheDocument();
    expect(within(stories).getByText('Sign in')).toBeInTheDocument();
    expect(within(stories).getByText('P1')).toBeInTheDocument();
    expect(screen.getByText('FR-001')).toBeInTheDocument();
    expect(screen.getByText('SC-001')).toBeInTheDocument();
    expect(
      screen.getByText('Warning: 1 open clarification'),
    ).toBeInTheDocument();
    expect(screen.getByText(/How long is a lockout\?/)).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('tab', { name: 'Pull requests (1)' }),
    );
    expect(
      screen.getByRole('link', { name: 'acme/payments-api#42' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/42');
    expect(screen.getByText('feat(001): sign-in endpoint')).toBeInTheDocument();
    expect(screen.getByText('T003')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Diagnostics (1)' }));
    expect(screen.getByText('Task without an id')).toBeInTheDocument();
    expect(screen.getByText('specs/001-auth/tasks.md:20')).toBeInTheDocument();
  });

  it('says so when the component has no specs', async () => {
    const api = mockPlatformApi();
    api.listSpecs.mockResolvedValue({ items: [], totalCount: 0 });
    renderTab({ api });

    expect(
      await screen.findByText('No specs for this component'),
    ).toBeInTheDocument();
  });

  it('says so when the spec in the URL does not exist', async () => {
    const api = mockPlatformApi();
    api.getSpec.mockRejectedValue(
      Object.assign(new Error('No spec 999-gone'), {
        name: 'ResponseError',
        statusCode: 404,
      }),
    );
    renderTab({ api, url: '/?spec=999-gone' });

    expect(await screen.findByText('No spec 999-gone')).toBeInTheDocument();
  });

  it('shows a backend error', async () => {
    const api = mockPlatformApi();
    api.listSpecs.mockRejectedValue(new Error('database is locked'));
    renderTab({ api });

    expect(
      (await screen.findAllByText('Error: database is locked'))[0],
    ).toBeInTheDocument();
  });

  // Denial is tested in SpecRefreshButton.test.tsx: usePermission caches
  // answers per module, so one file cannot see both.
  it('refreshes the specs and reloads the list', async () => {
    const api = mockPlatformApi();
    const toastApi = mockApis.toast();
    renderTab({ api, toastApi });
    await screen.findByText('Payment authentication');

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() =>
      expect(api.refreshSpecs).toHaveBeenCalledWith({
        entityRef: 'component:default/payments-api',
      }),
    );
    await waitFor(() => expect(api.listSpecs).toHaveBeenCalledTimes(2));
    expect(toastApi.getToasts()).toEqual([
      expect.objectContaining({
        title: 'Specs refreshed',
        description: '1 updated, 0 unchanged, 0 removed',
        status: 'success',
      }),
    ]);
  });

  it('tells the user when a refresh fails', async () => {
    const api = mockPlatformApi();
    api.refreshSpecs.mockRejectedValue(new Error('GitHub rate limit'));
    const toastApi = mockApis.toast();
    renderTab({ api, toastApi });
    await screen.findByText('Payment authentication');

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() =>
      expect(toastApi.getToasts()).toEqual([
        expect.objectContaining({
          title: 'Specs could not be refreshed',
          description: 'GitHub rate limit',
          status: 'danger',
        }),
      ]),
    );
    expect(api.listSpecs).toHaveBeenCalledTimes(1);
  });
});
