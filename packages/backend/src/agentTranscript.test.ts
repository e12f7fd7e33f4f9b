import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import observabilityPlugin from '@catalyst/plugin-observability-backend';
import platformPlugin from '@catalyst/plugin-platform-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import {
  cachingActionsServiceFactory,
  inProcessActionsRegistryServiceFactory,
} from './actions';
// The observability plugin's own helpers that run the real Prometheus and the
// instrumented demo service (the portal's demo runs the same service). They are
// test helpers of that plugin, not part of its published API.
/* eslint-disable @backstage/no-forbidden-package-imports */
import { startInstrumentedService } from '@catalyst/plugin-observability-backend/dev/instrumentedService';
import {
  createServerDirectory,
  eventually,
  observabilityBinaries,
  startPrometheus,
} from '@catalyst/plugin-observability-backend/src/__testUtils__/observabilityServers';
/* eslint-enable @backstage/no-forbidden-package-imports */

/*
 * An agent's session, scripted (no model): it is given only an entity ref and
 * a task id, and asks the portal through MCP (the official SDK client over
 * Streamable HTTP) for the task's spec context, the project's commands, a
 * convention check of the branch it is about to push, and the service's error
 * rate. Every answer is checked against the REST routes the portal's pages
 * read for the same thing (Specs tab, Agent context tab, Conventions tab,
 * Observability tab), as the same user.
 *
 * The backend runs the real platform, observability and mcp-actions plugins
 * with the demo's payments-api repository (examples/fixtures) plus this
 * repository's own spec, and a real Prometheus scraping the demo's
 * instrumented service.
 */

const repoRoot = resolve(__dirname, '../../..');
const ENTITY = 'component:default/payments-api';
const TASK = 'T010';
const SLUG = '002-spec-driven-development';
const USER = 'user:default/agent';
const PAGE = '/api/platform';

jest.setTimeout(120_000);

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

function output(result: ToolResult): any {
  expect(result.isError).toBeFalsy();
  return result.structuredContent;
}

describe('an agent session through MCP gives the answers the portal pages show', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let server: Server;
  let client: Client;

  /** GET as the same user the agent acts for, as the pages do. */
  const page = async (path: string, query: Record<string, string> = {}) => {
    const res = await request(server)
      .get(path)
      .query(query)
      .set('Authorization', mockCredentials.user.header(USER));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    // The demo repository of payments-api, with this repository's own spec.
    const repo = mkdtempSync(join(tmpdir(), 'catalyst-agent-transcript-'));
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    cpSync(join(repoRoot, 'examples/fixtures/repos/payments-api'), repo, {
      recursive: true,
    });
    cpSync(join(repoRoot, 'specs', SLUG), join(repo, 'specs', SLUG), {
      recursive: true,
    });

    const service = await startInstrumentedService({ errorRatio: 0.25 });
    cleanups.push(() => service.close());
    cleanups.push(service.generateTraffic(40));
    const directory = await createServerDirectory();
    cleanups.push(() => directory.remove());
    const prometheus = await startPrometheus({
      binary: observabilityBinaries().prometheus,
      dir: directory.dir,
      targets: [
        {
          job: 'payments-api',
          address: `127.0.0.1:${service.port}`,
          labels: { namespace: 'payments', app: 'payments-api' },
        },
      ],
    });
    cleanups.push(() => prometheus.stop());

    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${join(
            repo,
            'catalog-info.yaml',
          )}`,
          'catalyst.dev/observability-labels':
            'namespace=payments,app=payments-api',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/payments-team',
      },
    };
    const started = await startTestBackend({
      features: [
        platformPlugin,
        observabilityPlugin,
        mcpActionsPlugin,
        inProcessActionsRegistryServiceFactory,
        cachingActionsServiceFactory,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              actions: { pluginSources: ['platform', 'observability'] },
            },
            mcpActions: { name: 'Catalyst' },
            observability: {
              prometheus: {
                instances: [{ name: 'main', baseUrl: prometheus.url }],
              },
              scopes: {
                grants: [
                  {
                    owners: ['group:default/payments-team'],
                    namespaces: ['payments'],
                  },
                ],
              },
              goldenSignals: { rateWindow: '10s' },
            },
          },
        }),
      ],
    });
    server = started.server as unknown as Server;

    // What the portal does on its own: index the specs, generate the context.
    await request(server)
      .post(`${PAGE}/specs/refresh`)
      .send({ entityRef: ENTITY })
      .expect(200);
    await request(server)
      .post(`${PAGE}/agent-context/component/default/payments-api/generate`)
      .expect(200);

    const { port } = server.address() as AddressInfo;
    client = new Client({ name: 'catalyst-transcript', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(USER) },
          },
        },
      ),
    );
    cleanups.push(() => client.close());

    // Ten seconds of samples: the 10s rate window has two scrapes and more.
    await eventually(
      'ten scrapes of payments-api',
      async () => {
        const res = await fetch(
          `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
            'count_over_time(up[1m]) >= 10',
          )}`,
        );
        const body = await res.json();
        return body.data.result.length === 1 ? true : undefined;
      },
      60_000,
    );
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('gets the spec context of the task, as the Specs tab shows the spec', async () => {
    const context = output(
      await client.callTool({
        name: 'platform.get-spec-context',
        arguments: { entityRef: ENTITY, taskId: TASK },
      }),
    );
    const spec = await page(
      `${PAGE}/specs/component/default/payments-api/${SLUG}`,
    );
    // What the tool says is what the tab shows (the tool's output schema
    // leaves out only what an agent has no use for).
    const { openTasks, ...fromMcp } = context.spec;
    expect(spec).toMatchObject(fromMcp);
    expect(fromMcp.requirements).toEqual(spec.requirements);
    expect(openTasks).toEqual(
      spec.tasks.filter((t: any) => !t.done && t.id).map((t: any) => t.id),
    );
    const task = spec.tasks.find((t: any) => t.id === TASK);
    const { dependsOn, userStories, pullRequests, ...taskFromMcp } =
      context.task;
    expect(task).toMatchObject(taskFromMcp);
    expect(taskFromMcp).toMatchObject({ id: TASK, phase: task.phase });
    expect(pullRequests).toEqual(
      spec.pullRequests.filter((pr: any) => pr.taskIds.includes(TASK)),
    );
    expect(dependsOn).toEqual([]);
    expect(
      spec.userStories.filter((s: any) => task.stories.includes(s.id)),
    ).toMatchObject(userStories);
    // The plan summary is the Summary section of the plan.md the tab renders.
    const plan = await page(
      `${PAGE}/specs/component/default/payments-api/${SLUG}/files/plan.md`,
    );
    expect(plan.content).toContain(context.planSummary);
  });

  it('gets the project commands, as the Agent context tab shows them', async () => {
    const { commands } = output(
      await client.callTool({
        name: 'platform.describe-project-commands',
        arguments: { entityRef: ENTITY },
      }),
    );
    const view = await page(
      `${PAGE}/agent-context/component/default/payments-api`,
    );
    const primary = commands.filter((c: any) => c.listed === 'primary');
    expect(primary.map((c: any) => c.command)).toEqual(
      expect.arrayContaining(['npm test', 'npm run build', 'npm run lint']),
    );
    // Every command is in the AGENTS.md the tab shows, on a line whose facts
    // are the command's sources.
    for (const command of primary) {
      const line = view.lines.find(
        (l: any) =>
          l.text.includes(`\`${command.command}\``) && l.section === 'Commands',
      );
      expect(line).toBeDefined();
      expect(view.content).toContain(line.text);
      expect(line.facts.map((f: any) => f.source)).toEqual(
        expect.arrayContaining(command.sources.map((f: any) => f.source)),
      );
    }
  });

  it('checks a bad branch name against the rules the Conventions tab lists', async () => {
    const branch = 'fixing-stuff';
    const check = output(
      await client.callTool({
        name: 'platform.check-conventions',
        arguments: {
          entityRef: ENTITY,
          branch,
          commitMessages: [`feat(${SLUG.slice(0, 3)}): backfill links`],
        },
      }),
    );
    const { pullRequestChecks, ...drift } = check;
    const report = await page(
      `${PAGE}/conventions/component/default/payments-api`,
    );
    const { pullRequest: _ignored, ...reportDrift } = report;
    // The tab's report, without the file diffs it renders.
    expect(reportDrift).toMatchObject(drift);
    expect(drift.items).toHaveLength(reportDrift.items.length);

    const rules = await page(
      `${PAGE}/conventions/component/default/payments-api/rules`,
    );
    const naming = rules.items.find((r: any) => r.ruleName === 'branch-naming');
    // catalyst.yaml of payments-api adds its release branches to the rule.
    expect(naming).toMatchObject({
      enabled: true,
      source: 'catalyst.yaml',
      config: { allow: ['main', 'release-*'] },
    });
    // A warning unless the platform makes the rule required.
    expect(pullRequestChecks.passed).toBe(!naming.required);
    expect(pullRequestChecks.findings).toEqual([
      {
        check: 'branch-name',
        level: naming.required ? 'failure' : 'warning',
        message: `The branch "${branch}" does not match /${naming.config.pattern}/, e.g. feat/short-topic (rule branch-naming)`,
      },
    ]);
  });

  it('reads the error rate of the service, as the Observability tab charts it', async () => {
    const end = Date.now() - 5_000;
    const window = {
      start: String((end - 60_000) / 1000),
      end: String(end / 1000),
    };
    const fromMcp = output(
      await client.callTool({
        name: 'observability.get-golden-signals',
        arguments: { entityRef: ENTITY, signals: ['errors'], ...window },
      }),
    );
    const tab = await page(
      '/api/observability/entities/component/default/payments-api/golden-signals',
      { signals: 'errors', ...window },
    );
    const { now, ...errors } = fromMcp.signals.errors;
    expect(errors).toEqual(tab.signals.errors);
    const query = errors.queries[0].query;
    expect(query).toContain('namespace="payments"');
    // One request in four fails.
    expect(now).toBeCloseTo(0.25, 1);

    // The query the tab charts, refined by the agent: the same series.
    const refined = output(
      await client.callTool({
        name: 'observability.query-metrics',
        arguments: {
          entityRef: ENTITY,
          query,
          time: window.end,
        },
      }),
    );
    const explorer = await page(
      '/api/observability/entities/component/default/payments-api/query',
      { query, time: window.end },
    );
    expect(refined).toEqual(explorer);
    expect(refined.series).toHaveLength(1);
  });
});
