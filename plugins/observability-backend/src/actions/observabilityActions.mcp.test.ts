import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  InstrumentedService,
  startInstrumentedService,
} from '../../dev/instrumentedService';
import {
  createServerDirectory,
  eventually,
  observabilityBinaries,
  ServerProcess,
  startPrometheus,
} from '../__testUtils__/observabilityServers';
import {
  STREAM_FIELDS,
  twoComponentsLogs,
} from '../__testUtils__/twoComponentsLogs';
import {
  startVictoriaLogs,
  victoriaLogsBinary,
} from '../__testUtils__/victoriaLogsServer';
import { observabilityPlugin } from '../plugin';

const SECRET = 'alertmanager-shared-secret';
const PAYMENTS = 'component:default/payments-api';
const CHECKOUT = 'component:default/checkout-web';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

function output(result: ToolResult): any {
  expect(result.content).toBeDefined();
  expect(result.isError).toBeFalsy();
  return result.structuredContent;
}

function errorText(result: ToolResult): string {
  expect(result.isError).toBe(true);
  return (result.content as { text: string }[]).map(c => c.text).join('\n');
}

describe('observability actions through the MCP endpoint, against real Prometheus and VictoriaLogs', () => {
  const servers: ServerProcess[] = [];
  const services: InstrumentedService[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let server: Server;
  let client: Client;
  let prometheusUrl: string;

  beforeAll(async () => {
    const binaries = observabilityBinaries();
    directory = await createServerDirectory();
    services.push(await startInstrumentedService({ errorRatio: 0.2 }));
    services.push(await startInstrumentedService({ errorRatio: 0 }));
    services.forEach(s => s.generateTraffic(40));
    const prometheus = await startPrometheus({
      binary: binaries.prometheus,
      dir: directory.dir,
      targets: [
        {
          job: 'payments-api',
          address: `127.0.0.1:${services[0].port}`,
          labels: { namespace: 'payments', app: 'payments-api' },
        },
        {
          job: 'checkout-web',
          address: `127.0.0.1:${services[1].port}`,
          labels: { namespace: 'checkout', app: 'checkout-web' },
        },
      ],
    });
    servers.push(prometheus);
    prometheusUrl = prometheus.url;
    const victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: directory.dir,
    });
    servers.push(victoriaLogs);
    const { payments, checkout } = twoComponentsLogs(Date.now());
    await victoriaLogs.ingest([...payments, ...checkout], STREAM_FIELDS);

    const started = await startTestBackend({
      features: [
        observabilityPlugin,
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogServiceMock.factory({
          entities: [
            component('payments-api', {
              'backstage.io/kubernetes-namespace': 'payments',
            }),
            component('checkout-web', {
              'backstage.io/kubernetes-label-selector': 'app=checkout-web',
            }),
          ],
        }),
        // The agent may read payments-api's telemetry only: per entity, and
        // conditionally (its own components, say) for reads across entities.
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                !('resourceRef' in r) || r.resourceRef === PAYMENTS
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            })) as any,
          authorizeConditional: async requests =>
            requests.map(() => ({
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/team-a'] },
              },
            })) as any,
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['observability'] } },
            observability: {
              prometheus: {
                instances: [
                  { name: 'main', baseUrl: prometheus.url, timeout: '10s' },
                ],
              },
              logs: {
                instances: [{ name: 'main', baseUrl: victoriaLogs.url }],
              },
              alertmanager: { webhookSecret: SECRET },
              limits: { maxSeries: 20 },
              // The platform grants team-a the scopes its components claim.
              scopes: {
                grants: [
                  { owners: ['team-a'], namespaces: ['payments'] },
                  { owners: ['team-a'], labels: { app: ['checkout-web'] } },
                ],
              },
              goldenSignals: { rateWindow: '10s' },
            },
          },
        }),
      ],
    });
    server = started.server as unknown as Server;
    const { port } = server.address() as AddressInfo;
    client = new Client({ name: 'catalyst-test-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: {
              Authorization: `Bearer ${mockCredentials.user.token(
                'user:default/agent',
              )}`,
            },
          },
        },
      ),
    );
    // The 10s rate windows need ten seconds of samples of both targets.
    await eventually('ten scrapes of every target', async () => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'count_over_time(up[1m]) >= 10',
        )}`,
      );
      const body = await res.json();
      return body.data.result.length === 2 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    for (const s of servers.reverse()) await s.stop();
    for (const s of services) await s.close();
    await directory?.remove();
  }, 60_000);

  it('lists every observability tool with its input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual(
      [
        'get-golden-signals',
        'get-incident',
        'list-alerts',
        'query-logs',
        'query-metrics',
      ].map(name => `observability.${name}`),
    );
    const metrics = tools.find(t => t.name === 'observability.query-metrics')!;
    expect(metrics.inputSchema.required).toEqual(['entityRef', 'query']);
    expect(metrics.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('scopes a hostile PromQL query to the entity, exactly as the REST route does', async () => {
    const hostile = 'up or {namespace="checkout"}';
    const direct = await (
      await fetch(
        `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(hostile)}`,
      )
    ).json();
    expect(
      direct.data.result.some((r: any) => r.metric.namespace === 'checkout'),
    ).toBe(true);

    const result = output(
      await client.callTool({
        name: 'observability.query-metrics',
        arguments: { entityRef: 'payments-api', query: hostile },
      }),
    );
    expect(result.query.query).toBe(
      'up{namespace="payments"} or {namespace="payments"}',
    );
    expect(result.series.length).toBeGreaterThan(0);
    expect(
      result.series.every((s: any) => s.labels.namespace === 'payments'),
    ).toBe(true);

    const rest = await request(server)
      .get('/api/observability/entities/component/default/payments-api/query')
      .query({ query: hostile });
    expect(rest.body.query).toEqual(result.query);
    expect(rest.body.series.map((s: any) => s.labels).sort()).toEqual(
      result.series.map((s: any) => s.labels).sort(),
    );
  });

  it('runs range queries bounded like the REST route', async () => {
    const now = Math.floor(Date.now() / 1000);
    const result = output(
      await client.callTool({
        name: 'observability.query-metrics',
        arguments: {
          entityRef: PAYMENTS,
          query:
            'sum by (namespace) (rate(http_request_duration_seconds_count[1m]))',
          start: String(now - 120),
          end: String(now),
          step: '5',
        },
      }),
    );
    expect(result.series.map((s: any) => s.labels)).toEqual([
      { namespace: 'payments' },
    ]);
    expect(result.range).toEqual({
      start: (now - 120) * 1000,
      end: now * 1000,
      step: 5,
    });
    expect(
      errorText(
        await client.callTool({
          name: 'observability.query-metrics',
          arguments: {
            entityRef: PAYMENTS,
            query: 'up',
            start: String(now - 8 * 86400),
          },
        }),
      ),
    ).toMatch(/InputError: .*longer than the allowed 7 days/);
  });

  it('reads the error rate of the service as a golden signal, with its query', async () => {
    const result = output(
      await client.callTool({
        name: 'observability.get-golden-signals',
        arguments: { entityRef: PAYMENTS, signals: ['errors', 'traffic'] },
      }),
    );
    expect(result.entityRef).toBe(PAYMENTS);
    expect(result.signals.traffic.now).toBeGreaterThan(5);
    expect(result.signals.errors.queries[0].query).toContain(
      'namespace="payments"',
    );
    expect(result.signals.errors.now).toBeGreaterThan(0.1);
    expect(result.signals.errors.now).toBeLessThan(0.3);
  });

  it('reads only the entity log streams, also for a query naming the other one', async () => {
    const result = output(
      await client.callTool({
        name: 'observability.query-logs',
        arguments: { entityRef: PAYMENTS, query: 'checkout OR failed' },
      }),
    );
    expect(result.lines.length).toBeGreaterThan(0);
    expect(
      result.lines.every(
        (l: any) =>
          l.labels.namespace === 'payments' && !l.line.includes('checkout'),
      ),
    ).toBe(true);
    const errors = output(
      await client.callTool({
        name: 'observability.query-logs',
        arguments: { entityRef: PAYMENTS, levels: ['error'] },
      }),
    );
    expect(errors.lines).toHaveLength(10);
    expect(errors.lines.every((l: any) => l.line.endsWith('failed'))).toBe(
      true,
    );
  });

  it("refuses another entity's telemetry to an agent without the permission on it", async () => {
    for (const [name, args] of [
      ['query-metrics', { entityRef: CHECKOUT, query: 'up' }],
      ['query-logs', { entityRef: CHECKOUT }],
      ['get-golden-signals', { entityRef: CHECKOUT }],
    ] as const) {
      expect(
        errorText(
          await client.callTool({
            name: `observability.${name}`,
            arguments: args,
          }),
        ),
      ).toBe(
        `NotAllowedError: Not allowed: observability.query.read on ${CHECKOUT}`,
      );
    }
  });

  it('lists alerts of the entity and gets the incident of its own alerts only', async () => {
    const startsAt = new Date(Date.now() - 20_000).toISOString();
    const alert = (name: string, labels: Record<string, string>) => ({
      status: 'firing',
      labels: { alertname: name, ...labels },
      annotations: { summary: `${name} fired` },
      startsAt,
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: `${name}0000000000`.slice(0, 16).toLowerCase(),
    });
    await request(server)
      .post('/api/observability/webhooks/alertmanager')
      .set('authorization', `Bearer ${SECRET}`)
      .send({
        version: '4',
        status: 'firing',
        receiver: 'catalyst',
        groupKey: '{}:{}',
        alerts: [
          alert('PaymentsErrors', { namespace: 'payments' }),
          alert('CheckoutDown', { namespace: 'checkout', app: 'checkout-web' }),
        ],
      })
      .expect(200);

    const payments = output(
      await client.callTool({
        name: 'observability.list-alerts',
        arguments: { entityRef: PAYMENTS, state: 'active' },
      }),
    );
    expect(payments.items.map((a: any) => a.alertName)).toEqual([
      'PaymentsErrors',
    ]);
    const incident = output(
      await client.callTool({
        name: 'observability.get-incident',
        arguments: { alertId: payments.items[0].id },
      }),
    );
    expect(incident.entityRef).toBe(PAYMENTS);
    expect(incident.errorLogs.length).toBeGreaterThan(0);
    expect(
      incident.errorLogs.every((l: any) => l.labels.namespace === 'payments'),
    ).toBe(true);

    // observability.alerts.read is checked against the entity: checkout-web's
    // alerts, and so its incidents, are not the agent's to read.
    expect(
      errorText(
        await client.callTool({
          name: 'observability.list-alerts',
          arguments: { entityRef: CHECKOUT },
        }),
      ),
    ).toMatch(
      /NotAllowedError: .*observability\.alerts\.read on component:default\/checkout-web/,
    );
  });
});
