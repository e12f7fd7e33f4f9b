import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readdirSync, readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { paymentsPackageJson } from '../__testUtils__/agentContextRepository';
import { platformPlugin } from '../plugin';

// This repository's own spec is the fixture: real stories, requirements and tasks.
const SPEC_DIR = resolve(
  __dirname,
  '../../../../specs/002-spec-driven-development',
);
const SLUG = '002-spec-driven-development';
const PAYMENTS = 'component:default/payments';

// Analysing the repository takes a few seconds on a loaded machine.
jest.setTimeout(60_000);

function specFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(SPEC_DIR)) {
    if (name.endsWith('.md')) {
      files[`specs/${SLUG}/${name}`] = readFileSync(
        join(SPEC_DIR, name),
        'utf8',
      );
    }
  }
  return files;
}

/** The text content of a tool result, parsed. */
function output(result: Awaited<ReturnType<Client['callTool']>>): any {
  expect(result.isError).toBeFalsy();
  return result.structuredContent;
}

function errorText(result: Awaited<ReturnType<Client['callTool']>>): string {
  expect(result.isError).toBe(true);
  return (result.content as { type: string; text: string }[])
    .map(c => c.text)
    .join('\n');
}

describe('platform actions through the MCP endpoint', () => {
  const repo = createMockDirectory();

  const component = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${repo.resolve(
          'catalog-info.yaml',
        )}`,
        'github.com/project-slug': 'acme/payments',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
    },
  });

  beforeAll(() => {
    repo.setContent({
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\n',
      'package.json': paymentsPackageJson({ lint: 'eslint .' }),
      'AGENTS.md': `# AGENTS.md\n\nActive work: specs/${SLUG}\n`,
      'src/index.ts': 'export const charge = () => 1;\n',
      ...specFiles(),
    });
  });

  /**
   * The platform plugin and mcp-actions-backend with the real actions
   * services; `denied` lists the permissions the policy refuses.
   */
  async function start(denied: string[] = []) {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({ entities: [component('payments')] }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result: denied.includes(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            })) as any,
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['platform'] } },
            mcpActions: { name: 'Catalyst' },
          },
        }),
      ],
    });
    const httpServer = server as unknown as Server;
    await request(httpServer)
      .post('/api/platform/specs/refresh')
      .send({ entityRef: PAYMENTS })
      .expect(200);
    await request(httpServer)
      .post('/api/platform/agent-context/component/default/payments/generate')
      .expect(200);
    return httpServer;
  }

  async function connect(server: Server, user = 'user:default/agent') {
    const { port } = server.address() as AddressInfo;
    const client = new Client({
      name: 'catalyst-test-agent',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: {
              Authorization: `Bearer ${mockCredentials.user.token(user)}`,
            },
          },
        },
      ),
    );
    return client;
  }

  let server: Server;
  let client: Client;

  beforeAll(async () => {
    server = await start();
    client = await connect(server);
  });

  afterAll(async () => {
    await client.close();
  });

  it('lists every platform tool with its input schema', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map(t => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(
      [
        'check-conventions',
        'describe-project-commands',
        'enqueue-platform-task',
        'get-agent-context',
        'get-spec-context',
        'list-platform-tasks',
        'list-spec-tasks',
        'list-specs',
      ].map(name => `platform.${name}`),
    );
    const spec = byName.get('platform.get-spec-context')!;
    expect(spec.inputSchema.required).toEqual(['entityRef']);
    expect(Object.keys(spec.inputSchema.properties!)).toEqual([
      'entityRef',
      'slug',
      'taskId',
    ]);
    expect(spec.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(
      byName.get('platform.enqueue-platform-task')!.annotations,
    ).toMatchObject({
      readOnlyHint: false,
    });
  });

  it('answers a tools/call as one JSON body, not an event stream', async () => {
    // The backend's patch of mcp-actions-backend (.yarn/patches): a
    // stateless server has nothing to stream, so it answers in JSON.
    const res = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Accept', 'application/json, text/event-stream')
      .set(
        'Authorization',
        `Bearer ${mockCredentials.user.token('user:default/agent')}`,
      )
      .send({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: {
          name: 'platform.list-specs',
          arguments: { entityRef: PAYMENTS },
        },
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      jsonrpc: '2.0',
      id: 7,
      result: {
        structuredContent: {
          totalCount: 1,
          items: [expect.objectContaining({ slug: SLUG, entityRef: PAYMENTS })],
        },
      },
    });
  });

  it('gets the context of a spec task: stories, requirements, plan, clarifications', async () => {
    const context = output(
      await client.callTool({
        name: 'platform.get-spec-context',
        arguments: { entityRef: 'payments', taskId: 'T010' },
      }),
    );
    expect(context.spec).toMatchObject({
      entityRef: PAYMENTS,
      slug: SLUG,
      title: 'Spec-driven development',
      active: true,
    });
    expect(context.spec.userStories.map((s: any) => s.id)).toEqual([
      'US1',
      'US2',
      'US3',
    ]);
    expect(context.spec.requirements.map((r: any) => r.id)).toEqual([
      'FR-001',
      'FR-002',
      'FR-003',
      'FR-004',
      'FR-005',
    ]);
    expect(context.spec.successCriteria[0]).toMatchObject({
      id: 'SC-001',
      text: expect.stringContaining('indexed and renderable'),
    });
    expect(context.spec.clarifications).toEqual([
      expect.objectContaining({
        text: 'Backstage search or Postgres full text?',
        file: 'spec.md',
        line: 34,
      }),
    ]);
    expect(context.planSummary).toMatch(
      /^`@catalyst\/spec-kit` parses folders \(unified \+ remark\)/,
    );
    expect(context.task).toMatchObject({
      id: 'T010',
      description: 'Backfill links from already merged pull requests',
      done: false,
      stories: ['US2'],
      userStories: [
        expect.objectContaining({
          id: 'US2',
          title: 'Completion follows merged work',
        }),
      ],
    });
    expect(context.task.phase).toMatch(/^Phase/);
    expect(context.spec.openTasks).toContain('T010');
    expect(context.spec.openTasks).not.toContain('T001');
  });

  it('answers an unknown task with a tool error, not data', async () => {
    expect(
      errorText(
        await client.callTool({
          name: 'platform.get-spec-context',
          arguments: { entityRef: PAYMENTS, taskId: 'T999' },
        }),
      ),
    ).toMatch(
      /NotFoundError: No spec of component:default\/payments has a task T999/,
    );
  });

  it('lists specs and the open tasks of a phase', async () => {
    const specs = output(
      await client.callTool({
        name: 'platform.list-specs',
        arguments: { owner: 'group:default/team-a' },
      }),
    );
    expect(specs.totalCount).toBe(1);
    expect(specs.items[0]).toMatchObject({ slug: SLUG, entityRef: PAYMENTS });

    const tasks = output(
      await client.callTool({
        name: 'platform.list-spec-tasks',
        arguments: { entityRef: PAYMENTS },
      }),
    );
    expect(tasks.truncated).toBe(false);
    expect(tasks.items.map((t: any) => t.id)).toEqual(
      expect.arrayContaining(['T007', 'T010']),
    );
    expect(tasks.items.every((t: any) => !t.done)).toBe(true);
    const inProgress = output(
      await client.callTool({
        name: 'platform.list-spec-tasks',
        arguments: { entityRef: PAYMENTS, states: ['in-progress'] },
      }),
    );
    expect(inProgress.items.map((t: any) => t.id)).toEqual(['T007']);
  });

  it('gets the agent context and the project commands with their sources', async () => {
    const context = output(
      await client.callTool({
        name: 'platform.get-agent-context',
        arguments: { entityRef: PAYMENTS },
      }),
    );
    expect(context).toMatchObject({
      entityRef: PAYMENTS,
      stale: true,
      source: { type: 'directory' },
    });
    expect(context.content).toContain('| Test | `yarn test` |');
    expect(
      context.lines.find((l: any) => l.text.startsWith('| Test |')).facts[0],
    ).toMatchObject({ kind: 'command', source: { file: 'package.json' } });

    const { commands } = output(
      await client.callTool({
        name: 'platform.describe-project-commands',
        arguments: { entityRef: PAYMENTS },
      }),
    );
    const test = commands.find((c: any) => c.task === 'Test');
    expect(test).toMatchObject({
      command: 'yarn test',
      listed: 'primary',
      sources: [
        expect.objectContaining({
          kind: 'command',
          source: expect.objectContaining({ file: 'package.json' }),
        }),
      ],
    });
    expect(commands.find((c: any) => c.task === 'Lint')).toMatchObject({
      command: 'yarn lint',
    });
  });

  it('checks a branch name and commit messages against the conventions', async () => {
    const checked = output(
      await client.callTool({
        name: 'platform.check-conventions',
        arguments: {
          entityRef: PAYMENTS,
          branch: 'my bad branch',
          commitMessages: ['fixed stuff', 'feat(payments): add refunds'],
        },
      }),
    );
    expect(checked.entityRef).toBe(PAYMENTS);
    expect(checked.items.length).toBeGreaterThan(0);
    expect(checked.pullRequestChecks.passed).toBe(false);
    const checks = checked.pullRequestChecks.findings.map((f: any) => f.check);
    expect(checks).toContain('branch-name');
    expect(
      checked.pullRequestChecks.findings.filter(
        (f: any) => f.check === 'commit-message',
      ),
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('"fixed stuff"'),
      }),
    ]);
    expect(checks).not.toContain('pr-title');
  });

  it('enqueues a platform task once and lists it', async () => {
    const { tools } = await client.listTools();
    const description = tools.find(
      t => t.name === 'platform.enqueue-platform-task',
    )!.description!;
    const taskType = /Task types: ([\w-]+)/.exec(description)![1];
    const input = {
      entityRef: PAYMENTS,
      taskType,
      title: 'Bring AGENTS.md up to date',
    };
    const first = output(
      await client.callTool({
        name: 'platform.enqueue-platform-task',
        arguments: input,
      }),
    );
    expect(first).toMatchObject({
      created: true,
      task: { entityRef: PAYMENTS, taskType, repository: 'acme/payments' },
    });
    const again = output(
      await client.callTool({
        name: 'platform.enqueue-platform-task',
        arguments: input,
      }),
    );
    expect(again).toMatchObject({
      created: false,
      task: { id: first.task.id },
    });
    const listed = output(
      await client.callTool({
        name: 'platform.list-platform-tasks',
        arguments: { entityRef: 'payments' },
      }),
    );
    expect(listed.items.map((t: any) => t.id)).toEqual([first.task.id]);
  });

  it('refuses to enqueue without catalyst.task.manage', async () => {
    const denied = await start(['catalyst.task.manage']);
    const agent = await connect(denied);
    try {
      expect(
        errorText(
          await agent.callTool({
            name: 'platform.enqueue-platform-task',
            arguments: {
              entityRef: PAYMENTS,
              taskType: 'agents_md_refresh',
              title: 'not allowed',
            },
          }),
        ),
      ).toMatch(/NotAllowedError: .*catalyst\.task\.manage/);
      const listed = output(
        await agent.callTool({
          name: 'platform.list-platform-tasks',
          arguments: {},
        }),
      );
      expect(listed.items).toEqual([]);
    } finally {
      await agent.close();
    }
  });

  it('does not serve a component the caller cannot see', async () => {
    expect(
      errorText(
        await client.callTool({
          name: 'platform.get-spec-context',
          arguments: { entityRef: 'component:default/someone-elses' },
        }),
      ),
    ).toMatch(
      /NotFoundError: component:default\/someone-elses is not in the catalog/,
    );
    expect(
      errorText(
        await client.callTool({
          name: 'platform.get-agent-context',
          arguments: { entityRef: 'component:default/someone-elses' },
        }),
      ),
    ).toMatch(/NotFoundError/);
  });

  it('tells the Agent context tab the MCP endpoint and the tools the caller may use', async () => {
    const tools = async (httpServer: Server, path: string) =>
      request(httpServer)
        .get(`/api/platform/agent-tools/${path}`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/agent'),
        );
    const { port } = server.address() as AddressInfo;
    const res = await tools(server, 'component/default/payments');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: PAYMENTS,
      endpoint: `http://localhost:${port}/api/mcp-actions/v1`,
      serverName: 'Catalyst',
    });
    // The tools that take an entity ref, as MCP clients name them.
    const { tools: listed } = await client.listTools();
    expect(res.body.tools.map((t: any) => t.name).sort()).toEqual(
      listed
        .filter(t =>
          Object.keys(t.inputSchema.properties ?? {}).includes('entityRef'),
        )
        .map(t => t.name)
        .sort(),
    );
    expect(res.body.tools).toContainEqual({
      name: 'platform.get-spec-context',
      title: 'Get spec context',
      description: expect.stringContaining('Spec Kit spec'),
      readOnly: true,
    });

    const denied = await start(['catalyst.task.manage']);
    const withoutManage = await tools(denied, 'component/default/payments');
    const names = withoutManage.body.tools.map((t: any) => t.name);
    expect(names).toContain('platform.get-spec-context');
    expect(names).not.toContain('platform.enqueue-platform-task');

    expect(
      (await tools(server, 'component/default/someone-elses')).status,
    ).toBe(404);
  });
});
