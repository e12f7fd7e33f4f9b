import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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
  freePort,
  observabilityBinaries,
  ServerProcess,
  startAlertmanager,
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

const SECRET = 'scope-claims-secret';
const HOOK = '/api/observability/webhooks/alertmanager';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const PAYMENTS_TEAM = 'group:default/payments-team';
const CHECKOUT_TEAM = 'group:default/checkout-team';

/** Entities of the checkout team that try to read or capture the payments team's telemetry. */
const HOSTILE = {
  'every-namespace': {
    annotations: { 'catalyst.dev/observability-labels': 'namespace=~".+"' },
    reason: /namespace=~"\.\+" is a regular expression/,
  },
  'not-my-namespace': {
    annotations: {
      'catalyst.dev/observability-labels': 'namespace!="checkout"',
    },
    reason: /namespace!="checkout" excludes values/,
  },
  'selector-wildcard': {
    annotations: {
      'backstage.io/kubernetes-namespace': 'checkout',
      'backstage.io/kubernetes-label-selector': 'app notin (checkout-web)',
    },
    reason: /app!="checkout-web" excludes values/,
  },
  trespasser: {
    annotations: {
      // More matchers than payments-api's scope: it would win the alert linking.
      'catalyst.dev/observability-labels':
        'namespace=payments,app=payments-api,severity=critical',
    },
    reason:
      /component:default\/trespasser may not claim namespace="payments": observability\.scopes grants group:default\/checkout-team namespace checkout only/,
  },
  'borrowed-instance': {
    annotations: {
      'backstage.io/kubernetes-namespace': 'checkout',
      'catalyst.dev/logs-instance': 'payments-tenant',
    },
    reason:
      /component:default\/borrowed-instance may not use logs instance 'payments-tenant'/,
  },
} as const;

const ENTITIES = [
  component('payments-api', PAYMENTS_TEAM, {
    'backstage.io/kubernetes-namespace': 'payments',
  }),
  component('checkout-web', CHECKOUT_TEAM, {
    'backstage.io/kubernetes-namespace': 'checkout',
  }),
  ...Object.entries(HOSTILE).map(([name, { annotations }]) =>
    component(name, CHECKOUT_TEAM, annotations),
  ),
  // Two entities claiming one scope: neither wins it.
  ...['twin-a', 'twin-b'].map(name =>
    component(name, CHECKOUT_TEAM, {
      'catalyst.dev/observability-labels': 'app=twin, namespace=checkout',
    }),
  ),
];

const path = (name: string) =>
  `/api/observability/entities/component/default/${name}`;

describe('scope claims: an entity gets only the telemetry the platform granted its owner', () => {
  const servers: ServerProcess[] = [];
  const services: InstrumentedService[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let server: Server;
  let alertmanagerUrl: string;

  beforeAll(async () => {
    const binaries = observabilityBinaries();
    directory = await createServerDirectory();
    services.push(await startInstrumentedService({ errorRatio: 0.2 }));
    services.push(await startInstrumentedService({ errorRatio: 0 }));
    services.forEach(s => s.generateTraffic(20));
    const alertmanagerPort = await freePort();
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
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            observability: {
              prometheus: {
                instances: [{ name: 'main', baseUrl: prometheus.url }],
              },
              logs: {
                instances: [
                  { name: 'main', baseUrl: victoriaLogs.url },
                  // The payments tenant of the same store: its data is payments' only.
                  { name: 'payments-tenant', baseUrl: victoriaLogs.url },
                ],
              },
              alertmanager: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: `http://127.0.0.1:${alertmanagerPort}`,
                  },
                ],
                webhookSecret: SECRET,
              },
              goldenSignals: { rateWindow: '10s' },
              scopes: {
                grants: [
                  {
                    owners: [PAYMENTS_TEAM],
                    namespaces: ['payments'],
                    instances: { logs: ['payments-tenant'] },
                  },
                  { owners: [CHECKOUT_TEAM], namespaces: ['checkout'] },
                ],
              },
            },
          },
        }),
      ],
    });
    server = started.server as unknown as Server;
    const backendPort = (server.address() as AddressInfo).port;
    const alertmanager = await startAlertmanager({
      binary: binaries.alertmanager,
      dir: directory.dir,
      port: alertmanagerPort,
      webhookUrl: `http://127.0.0.1:${backendPort}${HOOK}`,
      webhookSecret: SECRET,
    });
    servers.push(alertmanager);
    alertmanagerUrl = alertmanager.url;
    // A live payments alert in Alertmanager, for the live-alerts route.
    const posted = await fetch(`${alertmanagerUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: {
            alertname: 'PaymentsLive',
            namespace: 'payments',
            app: 'payments-api',
          },
          annotations: { summary: 'payments live alert' },
        },
      ]),
    });
    if (!posted.ok) {
      throw new Error(`Alertmanager refused the test alert: ${posted.status}`);
    }
    await eventually('five scrapes of both targets', async () => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'count_over_time(up[1m]) >= 5',
        )}`,
      );
      const body = await res.json();
      return body.data.result.length === 2 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop();
    for (const s of services) await s.close();
    await directory?.remove();
  }, 60_000);

  it('still serves the entities whose claims the mapping grants', async () => {
    const scope = await request(server).get(`${path('payments-api')}/scope`);
    expect(scope.status).toBe(200);
    expect(scope.body.matchers).toEqual([
      { name: 'namespace', op: '=', value: 'payments' },
    ]);
    const up = await request(server)
      .get(`${path('checkout-web')}/query`)
      .query({ query: 'up' });
    expect(up.status).toBe(200);
    expect(up.body.series.map((s: any) => s.labels.namespace)).toEqual([
      'checkout',
    ]);
  }, 30_000);

  const now = Date.now();
  const reads: Array<[string, Record<string, string | number>]> = [
    ['golden-signals', {}],
    ['query', { query: 'up' }],
    [
      'query_range',
      {
        query: 'up',
        start: Math.floor(now / 1000) - 60,
        end: Math.floor(now / 1000),
        step: 15,
      },
    ],
    ['labels', {}],
    ['logs', { start: (now - 3_600_000) / 1000, end: (now + 60_000) / 1000 }],
    [
      'logs/volume',
      { start: (now - 3_600_000) / 1000, end: (now + 60_000) / 1000 },
    ],
    ['alerts', {}],
    ['alerts/live', {}],
    ['rules/rendered', {}],
  ];

  describe.each(Object.entries(HOSTILE))('%s', (name, { reason }) => {
    it.each(reads)(
      'gets a clear error and no data from %s',
      async (route, query) => {
        const res = await request(server)
          .get(`${path(name)}/${route}`)
          .query(query);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(reason);
        expect(Object.keys(res.body)).toEqual(
          expect.not.arrayContaining(['series', 'signals', 'lines', 'items']),
        );
        expect(JSON.stringify(res.body)).not.toMatch(
          /payments request|PaymentsLive/,
        );
      },
      30_000,
    );
  });

  it('refuses a scope two entities claim to both, and links their alerts to neither', async () => {
    for (const [name, other] of [
      ['twin-a', 'twin-b'],
      ['twin-b', 'twin-a'],
    ]) {
      const res = await request(server)
        .get(`${path(name)}/query`)
        .query({ query: 'up' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `component:default/${name} claims the same observability scope as component:default/${other}; a scope belongs to one entity, so none of them gets it until the claims differ`,
      );
    }
    const res = await request(server)
      .post(HOOK)
      .set('authorization', `Bearer ${SECRET}`)
      .send({
        version: '4',
        status: 'firing',
        receiver: 'catalyst',
        groupKey: '{}:{alertname="TwinDown"}',
        alerts: [
          {
            status: 'firing',
            labels: {
              alertname: 'TwinDown',
              namespace: 'checkout',
              app: 'twin',
              catalyst_entity_ref: 'component:default/twin-a',
            },
            annotations: {},
            startsAt: '2026-01-01T10:00:00Z',
            fingerprint: '0000000000000003',
          },
        ],
      });
    expect(res.body).toEqual({ received: 1, linked: 1 });
    const checkout = await request(server).get(
      `${path('checkout-web')}/alerts`,
    );
    expect(checkout.body.items.map((a: any) => a.alertName)).toEqual([
      'TwinDown',
    ]);
  }, 30_000);

  it('links payments alerts to payments-api: another team cannot capture them by scope or by the entity-ref label', async () => {
    const payload = {
      version: '4',
      status: 'firing',
      receiver: 'catalyst',
      groupKey: '{}:{alertname="PaymentsDown"}',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'PaymentsDown',
            namespace: 'payments',
            app: 'payments-api',
            severity: 'critical',
          },
          annotations: {},
          startsAt: '2026-01-01T10:00:00Z',
          fingerprint: '0000000000000001',
        },
        {
          status: 'firing',
          labels: {
            alertname: 'PaymentsSlow',
            namespace: 'payments',
            // A rule of another team names its own entity on a payments alert.
            catalyst_entity_ref: 'component:default/checkout-web',
          },
          annotations: {},
          startsAt: '2026-01-01T10:00:00Z',
          fingerprint: '0000000000000002',
        },
      ],
    };
    const res = await request(server)
      .post(HOOK)
      .set('authorization', `Bearer ${SECRET}`)
      .send(payload);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 2, linked: 2 });
    const payments = await request(server).get(
      `${path('payments-api')}/alerts`,
    );
    // Alertmanager delivers the live payments alert too; every one goes to payments-api.
    expect(payments.body.items.map((a: any) => a.alertName)).toEqual(
      expect.arrayContaining(['PaymentsDown', 'PaymentsSlow']),
    );
    const checkout = await request(server).get(
      `${path('checkout-web')}/alerts`,
    );
    expect(
      checkout.body.items.filter((a: any) => a.labels.namespace === 'payments'),
    ).toEqual([]);
  }, 30_000);
});
