import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  openedRefresh,
  staleContext,
} from '../../../__fixtures__/agentContext';
import type { AgentToolsView } from '@catalyst/plugin-platform-common';
import { PlatformApi, platformApiRef } from '../../../api';
import { entityAgentContextContent } from '../../../plugin';
import { mockPlatformApi as mockEveryMethod } from '../../../__fixtures__/platformApi';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

function notFound() {
  return Object.assign(new Error('No agent context has been generated yet'), {
    name: 'ResponseError',
    statusCode: 404,
  });
}

const ENDPOINT = 'https://portal.example.com/api/mcp-actions/v1';
const tools: AgentToolsView = {
  entityRef: 'component:default/payments-api',
  endpoint: ENDPOINT,
  serverName: 'Catalyst',
  tools: [
    {
      name: 'platform.get-spec-context',
      title: 'Get spec context',
      description: 'Returns what a Spec Kit spec of a component says.\nMore.',
      readOnly: true,
    },
    {
      name: 'platform.enqueue-platform-task',
      title: 'Enqueue platform task',
      description: 'Queues a platform task.',
      readOnly: false,
    },
  ],
};

function mockPlatformApi(): jest.Mocked<PlatformApi> {
  return {
    ...mockEveryMethod(),
    listSpecs: jest.fn(),
    getSpec: jest.fn(),
    getSpecFile: jest.fn(),
    refreshSpecs: jest.fn(),
    getAgentContext: jest.fn(
      async (_options: { entityRef: string }) => staleContext,
    ),
    generateAgentContext: jest.fn(
      async (_options: { entityRef: string }) => staleContext,
    ),
    checkAgentContext: jest.fn(),
    refreshAgentContext: jest.fn(
      async (_options: { entityRef: string }) => openedRefresh,
    ),
    getAgentTools: jest.fn(async (_options: { entityRef: string }) => tools),
  };
}

function renderTab(options: {
  api: PlatformApi;
  entity?: Entity;
  toastApi?: ReturnType<typeof mockApis.toast>;
}) {
  return renderTestApp({
    extensions: [
      createTestEntityPage({ entity: options.entity ?? component }),
      entityAgentContextContent,
    ],
    apis: [
      [platformApiRef, options.api],
      options.toastApi ?? mockApis.toast(),
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

// Markdown and code renderers load lazily; jsdom is slow on a loaded machine.
jest.setTimeout(20_000);

const openTab = async (name: RegExp | string) =>
  userEvent.click(await screen.findByRole('tab', { name }));

describe('AgentContextViewer', () => {
  it('is the "Agent context" tab of components only', async () => {
    const tab = createExtensionTester(entityAgentContextContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('agent-context');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Agent context',
    );

    renderTab({
      api: mockPlatformApi(),
      entity: { ...component, kind: 'API' },
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('shows staleness, hashes, the source and the pull request', async () => {
    const api = mockPlatformApi();
    api.getAgentContext.mockResolvedValue({
      ...staleContext,
      pullRequest: {
        number: 7,
        url: 'https://github.com/acme/payments-api/pull/7',
      },
    });
    renderTab({ api });

    expect(await screen.findByText('Stale')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The committed AGENTS.md says something else than the repository shows: 4 lines to add, 1 to remove.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('3f7a9c0e5b1d')).toHaveAttribute(
      'title',
      staleContext.factsHash,
    );
    expect(screen.getByText('9e8d7c6b5a4f')).toBeInTheDocument();
    expect(
      screen.getByText('Shallow clone (files and history)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('https://github.com/acme/payments-api/tree/main/'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Pull request #7' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/7');
    expect(api.getAgentContext).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
  });

  it('renders the file, and shows it raw', async () => {
    renderTab({ api: mockPlatformApi() });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Conventions' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveTextContent('Lintyarn lint');

    await openTab('Raw');
    expect(
      await screen.findByText(
        (_, el) =>
          el?.tagName === 'CODE' &&
          /1# AGENTS\.md\n2\n3Ask Dana/.test(el.textContent ?? ''),
        {},
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
  });

  it('highlights added and removed lines against the committed file', async () => {
    renderTab({ api: mockPlatformApi() });

    await openTab('Diff (+6 −1)');

    const diff = screen.getByRole('table', {
      name: 'Difference from the committed AGENTS.md',
    });
    const row = (text: string) =>
      within(diff)
        .getAllByRole('row')
        .find(r => r.lastElementChild?.textContent === text)!;
    expect(row('| Test | `npm test` |')).toHaveAttribute(
      'data-diff',
      'removed',
    );
    expect(row('| Test | `npm test` |')).toHaveTextContent(
      '10−| Test | `npm test` |',
    );
    expect(row('| Lint | `yarn lint` |')).toHaveAttribute('data-diff', 'added');
    expect(row('| Lint | `yarn lint` |')).toHaveTextContent(
      '11+| Lint | `yarn lint` |',
    );
    expect(row('Ask Dana before touching billing.')).toHaveAttribute(
      'data-diff',
      'unchanged',
    );
    const styles = (r: HTMLElement) => getComputedStyle(r).backgroundColor;
    expect(styles(row('| Lint | `yarn lint` |'))).not.toBe(
      styles(row('Ask Dana before touching billing.')),
    );
    expect(styles(row('| Test | `npm test` |'))).not.toBe(
      styles(row('| Lint | `yarn lint` |')),
    );
  });

  it('lists the facts behind each line with their sources', async () => {
    renderTab({ api: mockPlatformApi() });

    await openTab('Facts (3)');

    const facts = screen.getByRole('list', { name: 'Facts behind each line' });
    const line10 = within(facts).getByRole('listitem', { name: 'Line 10' });
    expect(line10).toHaveTextContent('| Test | `yarn test` |');
    expect(line10).toHaveTextContent(
      'package.json script `test`, run in CI — package.json:7',
    );
    expect(
      within(facts).getByRole('listitem', { name: 'Line 15' }),
    ).toHaveTextContent(
      'recent commit subjects — git log -n 200 (commit subjects)',
    );

    await openTab('Diagnostics (1)');
    expect(
      screen.getByText('warning: Malformed JSON: Unexpected token }'),
    ).toBeInTheDocument();
    expect(screen.getByText('tsconfig.json:4')).toBeInTheDocument();
  });

  it('offers Generate when there is no context yet, then shows it', async () => {
    const api = mockPlatformApi();
    api.getAgentContext.mockRejectedValueOnce(notFound());
    const toastApi = mockApis.toast();
    renderTab({ api, toastApi });

    expect(await screen.findByText('No agent context yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }));

    expect(await screen.findByText('Stale')).toBeInTheDocument();
    expect(api.generateAgentContext).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
    expect(api.getAgentContext).toHaveBeenCalledTimes(2);
    expect(toastApi.getToasts()).toEqual([
      expect.objectContaining({
        title: 'Generated: the committed AGENTS.md is stale',
        status: 'success',
      }),
    ]);
  });

  it('opens the refresh pull request and links to it', async () => {
    const api = mockPlatformApi();
    const toastApi = mockApis.toast();
    renderTab({ api, toastApi });
    await screen.findByText('Stale');
    expect(
      screen.queryByRole('link', { name: /Pull request/ }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh AGENTS.md' }),
    );

    expect(
      await screen.findByRole('link', { name: 'Pull request #12' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/12');
    expect(api.refreshAgentContext).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
    await waitFor(() => expect(api.getAgentContext).toHaveBeenCalledTimes(2));
    expect(toastApi.getToasts()).toEqual([
      expect.objectContaining({
        title: 'Pull request #12 opened',
        description: 'Branch chore/agents-md',
        status: 'success',
      }),
    ]);
  });

  it('tells the user when a refresh fails and shows the last error', async () => {
    const api = mockPlatformApi();
    api.getAgentContext.mockResolvedValue({
      ...staleContext,
      lastError:
        'Refresh failed: GitHub rate limit reached; it resets at 2026-02-02T11:00:00.000Z',
    });
    api.refreshAgentContext.mockRejectedValue(
      new Error('GitHub rate limit reached'),
    );
    const toastApi = mockApis.toast();
    renderTab({ api, toastApi });

    expect(
      await screen.findByText('Error: The last check or refresh failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/it resets at 2026-02-02T11:00:00.000Z/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh AGENTS.md' }),
    );

    await waitFor(() =>
      expect(toastApi.getToasts()).toEqual([
        expect.objectContaining({
          title: 'AGENTS.md could not be refreshed',
          description: 'GitHub rate limit reached',
          status: 'danger',
        }),
      ]),
    );
    expect(api.getAgentContext).toHaveBeenCalledTimes(1);
  });

  it('shows other backend errors', async () => {
    const api = mockPlatformApi();
    api.getAgentContext.mockRejectedValue(new Error('database is locked'));
    renderTab({ api });

    expect(
      (await screen.findAllByText('Error: database is locked'))[0],
    ).toBeInTheDocument();
  });

  it('shows the MCP endpoint, the tools the user may call and client configurations', async () => {
    const api = mockPlatformApi();
    renderTab({ api });

    expect(await screen.findByLabelText('MCP endpoint')).toHaveTextContent(
      ENDPOINT,
    );
    expect(api.getAgentTools).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
    const list = screen.getByRole('list', { name: 'MCP tools' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'platform.get-spec-context Get spec contextReturns what a Spec Kit spec of a component says.',
      'platform.enqueue-platform-task Enqueue platform task (changes data)Queues a platform task.',
    ]);

    const configs = screen.getByRole('tablist', {
      name: 'MCP client configuration',
    });
    expect(
      within(configs).getByRole('tab', { name: 'Claude Code' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'CODE' &&
          (el.textContent ?? '').includes(
            `claude mcp add --transport http catalyst ${ENDPOINT}`,
          ),
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(configs).getByRole('tab', { name: 'Cursor' }));
    const cursor = screen.getByText(
      (_, el) =>
        el?.tagName === 'CODE' &&
        (el.textContent ?? '').includes('"mcpServers"'),
    );
    expect(JSON.parse(cursor.textContent!)).toEqual({
      mcpServers: {
        catalyst: {
          url: ENDPOINT,
          headers: { Authorization: 'Bearer ${env:MCP_TOKEN}' },
        },
      },
    });
  });

  it('shows the tools also before any context is generated, and says when there are none', async () => {
    const api = mockPlatformApi();
    api.getAgentContext.mockRejectedValue(notFound());
    api.getAgentTools.mockResolvedValue({ ...tools, tools: [] });
    renderTab({ api });

    expect(await screen.findByText('No agent context yet')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No Catalyst tool is available to you for this component.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('MCP endpoint')).toHaveTextContent(ENDPOINT);
  });
});
