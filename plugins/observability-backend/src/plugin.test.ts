import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import request from 'supertest';
import {
  InstrumentedService,
  startInstrumentedService,
} from '../dev/instrumentedService';
import {
  createServerDirectory,
  eventually,
  freePort,
  observabilityBinaries,
  ServerProcess,
  startAlertmanager,
  startPrometheus,
  startSilentServer,
} from './__testUtils__/observabilityServers';
import {
  STREAM_FIELDS,
  twoComponentsLogs,
} from './__testUtils__/twoComponentsLogs';
import {
  startVictoriaLogs,
  victoriaLogsBinary,
} from './__testUtils__/victoriaLogsServer';
import { teamPolicy } from './__testUtils__/teamPolicy';
import { observabilityPlugin } from './plugin';
import { ruleFileName } from './rules/RuleFileApplier';

const SECRET = 'alertmanager-shared-secret';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

const ENTITIES = [
  component('payments-api', {
    'backstage.io/kubernetes-namespace': 'payments',
  }),
  component('checkout-web', {
    'backstage.io/kubernetes-label-selector': 'app=checkout-web',
  }),
  component('billing-worker', {
    'catalyst.dev/observability-labels': 'job=billing,env=~"prod|staging"',
  }),
  component('no-scope', {}),
  component('dead-prometheus', {
    'backstage.io/kubernetes-namespace': 'payments',
    'backstage.io/kubernetes-label-selector': 'app=dead-prometheus',
    'catalyst.dev/prometheus-instance': 'dead',
  }),
  component('hung-prometheus', {
    'backstage.io/kubernetes-namespace': 'payments',
    'backstage.io/kubernetes-label-selector': 'app=hung-prometheus',
    'catalyst.dev/prometheus-instance': 'hung',
  }),
];

const PAYMENTS = '/api/observability/entities/component/default/payments-api';
const PAYMENTS_REF = 'component:default/payments-api';
const CHECKOUT = '/api/observability/entities/component/default/checkout-web';

// One database for every backend of the suite, so a backend under another policy sees the
// same alerts and rules.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('observability backend against real Prometheus and Alertmanager', () => {
  const servers: ServerProcess[] = [];
  const services: InstrumentedService[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let victoriaLogs: Awaited<ReturnType<typeof startVictoriaLogs>>;
  let alertmanagerPort: number;
  let deadPort: number;
  let hung: Awaited<ReturnType<typeof startSilentServer>>;
  let server: Server;
  let binaries: ReturnType<typeof observabilityBinaries>;
  let knex: Awaited<ReturnType<TestDatabases['init']>>;

  async function startBackend(
    permission: 'ALLOW' | 'DENY' | 'PAYMENTS_TEAM' = 'ALLOW',
    limits: Record<string, number | string> = {},
  ) {
    const started = await startTestBackend({
      features: [
        observabilityPlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.database.factory({ knex }),
        permission === 'PAYMENTS_TEAM'
          ? teamPolicy([PAYMENTS_REF]).factory
          : mockServices.permissions.factory({ result: permission }),
        mockServices.rootConfig.factory({
          data: {
            observability: {
              prometheus: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: prometheus.url,
                    timeout: '10s',
                    ruleFilesDirectory: prometheus.rulesDir,
                  },
                  {
                    name: 'dead',
                    baseUrl: `http://127.0.0.1:${deadPort}`,
                    timeout: '1s',
                  },
                  {
                    name: 'hung',
                    baseUrl: `http://127.0.0.1:${hung.port}`,
                    timeout: 700,
                  },
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
              logs: {
                instances: [{ name: 'main', baseUrl: victoriaLogs.url }],
              },
              limits: { maxSeries: 20, ...limits },
              scopes: {
                grants: [
                  {
                    owners: ['team-a'],
                    namespaces: ['payments'],
                    instances: { prometheus: ['dead', 'hung'] },
                  },
                  { owners: ['team-a'], labels: { app: ['checkout-web'] } },
                  { owners: ['team-a'], labels: { job: ['billing'] } },
                ],
              },
              rules: { evaluationInterval: '1s', rateWindow: '10s' },
              goldenSignals: { rateWindow: '10s' },
              tracing: {
                urlTemplate:
                  'http://traces.test/search?service={{entityName}}&start={{start}}&end={{end}}',
              },
            },
          },
        }),
      ],
    });
    return started.server as unknown as Server;
  }

  beforeAll(async () => {
    binaries = observabilityBinaries();
    knex = await databases.init('SQLITE_3');
    directory = await createServerDirectory();
    services.push(await startInstrumentedService({ errorRatio: 0.2 }));
    services.push(
      await startInstrumentedService({
        instrumentation: 'opentelemetry',
        errorRatio: 0,
      }),
    );
    services.push(
      await startInstrumentedService({
        statusLabel: 'status',
        errorRatio: 0.5,
      }),
    );
    services.forEach(s => s.generateTraffic(40));
    alertmanagerPort = await freePort();
    deadPort = await freePort();
    hung = await startSilentServer();
    prometheus = await startPrometheus({
      binary: binaries.prometheus,
      dir: directory.dir,
      alertmanagerPort,
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
        {
          job: 'billing',
          address: `127.0.0.1:${services[2].port}`,
          labels: { namespace: 'billing', env: 'prod' },
        },
      ],
    });
    servers.push(prometheus);
    victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: directory.dir,
    });
    servers.push(victoriaLogs);
    const { payments, checkout } = twoComponentsLogs(Date.now());
    await victoriaLogs.ingest([...payments, ...checkout], STREAM_FIELDS);
    server = await startBackend();
    const backendPort = (server.address() as AddressInfo).port;
    servers.push(
      await startAlertmanager({
        binary: binaries.alertmanager,
        dir: directory.dir,
        port: alertmanagerPort,
        webhookUrl: `http://127.0.0.1:${backendPort}/api/observability/webhooks/alertmanager`,
        webhookSecret: SECRET,
        groupWait: '1s',
      }),
    );
    // The 10s rate windows of the test config need ten seconds of samples of every target.
    await eventually('ten scrapes of every target', async () => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'count_over_time(up[1m]) >= 10',
        )}`,
      );
      const body = await res.json();
      return body.data.result.length === 3 ? true : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop();
    for (const s of services) await s.close();
    await hung?.close();
    await directory?.remove();
  }, 60_000);

  it('reads golden signals of the entity scope only, with Prometheus client metrics detected', async () => {
    const res = await request(server).get(`${PAYMENTS}/golden-signals`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      instance: 'main',
      metricsSource: 'detected',
      metrics: {
        instrumentation: 'prometheus-client',
        requestDuration: 'http_request_duration_seconds',
        statusLabel: 'code',
      },
    });
    const { signals } = res.body;
    for (const signal of ['latency', 'traffic', 'errors', 'saturation']) {
      for (const q of signals[signal].queries) {
        expect(q.query).toContain('namespace="payments"');
      }
    }
    expect(
      signals.latency.series.map((s: any) => s.labels.signal).sort(),
    ).toEqual(['p50', 'p95', 'p99']);
    const last = (series: any) =>
      series.values.filter((v: number | null) => v !== null).at(-1);
    const traffic = last(signals.traffic.series[0]);
    // Three services send 40 requests/s each; only payments' share may show up.
    expect(traffic).toBeGreaterThan(5);
    expect(traffic).toBeLessThan(60);
    const errorRatio = last(signals.errors.series[0]);
    expect(errorRatio).toBeGreaterThan(0.1);
    expect(errorRatio).toBeLessThan(0.3);
    const p99 = last(
      signals.latency.series.find((s: any) => s.labels.signal === 'p99'),
    );
    expect(p99).toBeGreaterThan(0);
    expect(p99).toBeLessThan(1);
    const cpu = signals.saturation.series.find(
      (s: any) => s.labels.signal === 'cpu',
    );
    const memory = signals.saturation.series.find(
      (s: any) => s.labels.signal === 'memory',
    );
    expect(last(memory)).toBeGreaterThan(0);
    expect(last(memory)).toBeLessThan(1);
    expect(cpu.values.length).toBeGreaterThan(0);
  }, 30_000);

  it('detects OpenTelemetry metric names and scopes by label selector', async () => {
    const res = await request(server).get(
      `${CHECKOUT}/golden-signals?signals=traffic,errors`,
    );
    expect(res.status).toBe(200);
    expect(res.body.metrics).toMatchObject({
      instrumentation: 'opentelemetry',
      requestDuration: 'http_server_request_duration_seconds',
      statusLabel: 'http_response_status_code',
    });
    expect(res.body.signals.traffic.queries[0].query).toBe(
      'sum(rate(http_server_request_duration_seconds_count{app="checkout-web"}[10s]))',
    );
    expect(res.body.signals.errors.series[0].values.at(-1)).toBe(0);
    expect(res.body.signals.latency.series).toEqual([]);
  }, 30_000);

  it('finds the status label `status` and scopes by custom label matchers', async () => {
    const res = await request(server).get(
      '/api/observability/entities/component/default/billing-worker/golden-signals?signals=errors',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      metricsSource: 'detected',
      metrics: { statusLabel: 'status' },
    });
    expect(res.body.signals.errors.queries[0].query).toContain(
      'job="billing", env=~"prod|staging"',
    );
    const ratio = res.body.signals.errors.series[0].values
      .filter((v: any) => v !== null)
      .at(-1);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
  }, 30_000);

  it('returns only the scoped namespace for user range queries, across two namespaces of targets', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await request(server)
      .get(`${PAYMENTS}/query_range`)
      .query({
        query:
          'sum by (namespace, app) (rate(http_request_duration_seconds_count[1m]))',
        start: now - 120,
        end: now,
        step: '5',
      });
    expect(res.status).toBe(200);
    expect(res.body.series.map((s: any) => s.labels)).toEqual([
      { namespace: 'payments', app: 'payments-api' },
    ]);
    expect(res.body.range).toEqual({
      start: (now - 120) * 1000,
      end: now * 1000,
      step: 5,
    });
  }, 30_000);

  it('scopes a hostile query: `up or {namespace="other"}` reads only the entity namespace', async () => {
    const hostile = 'up or {namespace="checkout"}';
    // Sent straight to Prometheus, the query reaches the other namespace...
    const direct = await (
      await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(hostile)}`,
      )
    ).json();
    expect(
      direct.data.result.some((r: any) => r.metric.namespace === 'checkout'),
    ).toBe(true);
    // ...through Catalyst it does not.
    const res = await request(server)
      .get(`${PAYMENTS}/query`)
      .query({ query: hostile });
    expect(res.status).toBe(200);
    expect(res.body.query.query).toBe(
      'up{namespace="payments"} or {namespace="payments"}',
    );
    expect(res.body.series.length).toBeGreaterThan(0);
    expect(
      res.body.series.every((s: any) => s.labels.namespace === 'payments'),
    ).toBe(true);
  }, 30_000);

  it('cuts large answers to maxSeries and flags them', async () => {
    const res = await request(server)
      .get(`${PAYMENTS}/query`)
      .query({ query: '{__name__=~"http_request_duration_seconds_bucket"}' });
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(true);
    expect(res.body.seriesTotal).toBeGreaterThan(20);
    expect(res.body.series).toHaveLength(20);
  }, 30_000);

  it('bounds query ranges and steps', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tooLong = await request(server)
      .get(`${PAYMENTS}/query_range`)
      .query({ query: 'up', start: now - 8 * 86400, end: now, step: '60' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(
      /longer than the allowed 7 days/,
    );
    const tinyStep = await request(server)
      .get(`${PAYMENTS}/query_range`)
      .query({ query: 'up', start: now - 7 * 86400, end: now, step: '1' });
    expect(tinyStep.status).toBe(200);
    expect(tinyStep.body.range.step).toBe(Math.ceil((7 * 86400) / 10999));
    expect((7 * 86400) / tinyStep.body.range.step).toBeLessThanOrEqual(11_000);
  }, 30_000);

  it('refuses queries that cannot be scoped with 400 and the reason', async () => {
    const info = await request(server)
      .get(`${PAYMENTS}/query`)
      .query({ query: 'info(up)' });
    expect(info.status).toBe(400);
    expect(info.body.error.message).toMatch(
      /cannot be scoped to the entity \(unsupported\)/,
    );
    const broken = await request(server)
      .get(`${PAYMENTS}/query`)
      .query({ query: 'sum(rate(x[5m]' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/\(syntax-error\)/);
  });

  it('explains which annotation an entity without scope needs', async () => {
    const res = await request(server).get(
      '/api/observability/entities/component/default/no-scope/golden-signals',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /backstage\.io\/kubernetes-namespace/,
    );
    expect(res.body.error.message).toMatch(
      /catalyst\.dev\/observability-labels/,
    );
    const missing = await request(server).get(
      '/api/observability/entities/component/default/nope/scope',
    );
    expect(missing.status).toBe(404);
  });

  it('answers 503 naming an unreachable or hung instance, within its timeout', async () => {
    const dead = await request(server)
      .get(
        '/api/observability/entities/component/default/dead-prometheus/query',
      )
      .query({ query: 'up' });
    expect(dead.status).toBe(503);
    expect(dead.body.error.message).toMatch(
      /Prometheus instance 'dead' \(http:\/\/127\.0\.0\.1:\d+\) is unreachable: ECONNREFUSED/,
    );
    const hungRes = await request(server)
      .get(
        '/api/observability/entities/component/default/hung-prometheus/query',
      )
      .query({ query: 'up' });
    expect(hungRes.status).toBe(503);
    expect(hungRes.body.error.message).toMatch(
      /Prometheus instance 'hung' .* did not answer within 700ms/,
    );
    const health = await request(server).get('/api/observability/health');
    const byName = Object.fromEntries(
      health.body.items.map((i: any) => [`${i.kind}/${i.name}`, i]),
    );
    expect(byName['prometheus/main']).toMatchObject({
      status: 'up',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(byName['alertmanager/main']).toMatchObject({
      status: 'up',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(byName['prometheus/dead']).toMatchObject({
      status: 'down',
      error: expect.stringMatching(/'dead'.*ECONNREFUSED/),
    });
    expect(byName['prometheus/hung']).toMatchObject({
      status: 'down',
      error: expect.stringMatching(/'hung'.*700ms/),
    });
  }, 30_000);

  it('lists the entity scope and label names', async () => {
    const scope = await request(server).get(`${CHECKOUT}/scope`);
    expect(scope.body).toEqual({
      entityRef: 'component:default/checkout-web',
      matchers: [{ name: 'app', op: '=', value: 'checkout-web' }],
      sources: ['backstage.io/kubernetes-label-selector'],
      instances: { prometheus: 'main', logs: 'main', alertmanager: 'main' },
    });
    const labels = await request(server).get(`${CHECKOUT}/labels`);
    expect(labels.status).toBe(200);
    expect(labels.body.labels).toEqual(
      expect.arrayContaining(['app', 'http_response_status_code', 'namespace']),
    );
    expect(labels.body.labels).not.toContain('code');
  }, 30_000);

  it('takes Alertmanager webhooks only with the shared secret, and links alerts to the entity whose scope matches', async () => {
    const payload = {
      version: '4',
      status: 'firing',
      receiver: 'catalyst',
      groupKey: '{}:{alertname="Manual"}',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'CheckoutDown',
            namespace: 'checkout',
            app: 'checkout-web',
          },
          annotations: { summary: 'checkout is down' },
          startsAt: '2026-01-01T10:00:00.123456789Z',
          endsAt: '0001-01-01T00:00:00Z',
          fingerprint: 'aaaabbbbccccdddd',
        },
        {
          status: 'firing',
          labels: { alertname: 'Unrelated', namespace: 'elsewhere' },
          annotations: {},
          startsAt: '2026-01-01T10:00:00Z',
          fingerprint: 'eeeeffff00001111',
        },
      ],
    };
    const hook = '/api/observability/webhooks/alertmanager';
    expect((await request(server).post(hook).send(payload)).status).toBe(401);
    expect(
      (
        await request(server)
          .post(hook)
          .set('authorization', 'Bearer wrong')
          .send(payload)
      ).status,
    ).toBe(401);
    const ok = await request(server)
      .post(hook)
      .set('authorization', `Bearer ${SECRET}`)
      .send(payload);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ received: 2, linked: 1 });
    const bad = await request(server)
      .post(hook)
      .set('authorization', `Bearer ${SECRET}`)
      .send({ alerts: 'no' });
    expect(bad.status).toBe(400);

    const checkout = await request(server).get(`${CHECKOUT}/alerts`);
    expect(checkout.body.items).toEqual([
      expect.objectContaining({
        alertName: 'CheckoutDown',
        status: 'firing',
        entityRef: 'component:default/checkout-web',
        startsAt: '2026-01-01T10:00:00.123Z',
      }),
    ]);
    const payments = await request(server).get(`${PAYMENTS}/alerts`);
    expect(
      payments.body.items.some((a: any) => a.alertName === 'CheckoutDown'),
    ).toBe(false);

    const resolved = {
      ...payload,
      status: 'resolved',
      alerts: [
        {
          ...payload.alerts[0],
          status: 'resolved',
          endsAt: '2026-01-01T10:05:00Z',
        },
      ],
    };
    await request(server)
      .post(hook)
      .set('authorization', `Bearer ${SECRET}`)
      .send(resolved);
    const after = await request(server).get(
      `${CHECKOUT}/alerts?state=resolved`,
    );
    expect(after.body.items).toEqual([
      expect.objectContaining({
        fingerprint: 'aaaabbbbccccdddd',
        status: 'resolved',
        endsAt: '2026-01-01T10:05:00.000Z',
      }),
    ]);
    expect(
      (await request(server).get(`${CHECKOUT}/alerts?state=active`)).body.items,
    ).toEqual([]);
  });

  it('validates rules before storing them', async () => {
    const ratio = await request(server)
      .post(`${PAYMENTS}/rules`)
      .send({ signalType: 'error_rate', threshold: 5 });
    expect(ratio.status).toBe(400);
    expect(ratio.body.error.message).toMatch(/ratio from 0 to 1/);
    const slo = await request(server)
      .post(`${PAYMENTS}/rules`)
      .send({ signalType: 'traffic', threshold: 1, objective: 0.99 });
    expect(slo.status).toBe(400);
    const duration = await request(server)
      .post(`${PAYMENTS}/rules`)
      .send({ signalType: 'traffic', threshold: 1, duration: '5 minutes' });
    expect(duration.status).toBe(400);
    expect(duration.body.error.message).toMatch(/duration/);
    expect((await request(server).get(`${PAYMENTS}/rules`)).body.items).toEqual(
      [],
    );
  });

  it('writes a rule, Prometheus reloads and fires it, Alertmanager delivers it and the alert shows up for the entity', async () => {
    const created = await request(server)
      .post(`${PAYMENTS}/rules`)
      .send({
        signalType: 'error_rate',
        threshold: 0.05,
        operator: 'gt',
        duration: '2s',
        severity: 'critical',
        description: 'Payments fail',
        notificationChannels: [
          { type: 'webhook', url: 'http://127.0.0.1:9/hook' },
        ],
      });
    expect(created.status).toBe(201);
    const ruleId = created.body.rule.id;
    expect(created.body.application).toMatchObject({
      status: 'applied',
      instance: 'main',
      validatedWithPromtool: true,
      file: `${prometheus.rulesDir}/${ruleFileName(
        'component:default/payments-api',
      )}`,
    });
    const file = await readFile(created.body.application.file, 'utf8');
    expect(file).toContain(
      'http_request_duration_seconds_count{code=~"5..", namespace="payments"}[10s]',
    );

    const loaded = await eventually('Prometheus to load the rule', async () => {
      const res = await (await fetch(`${prometheus.url}/api/v1/rules`)).json();
      return res.data.groups.find(
        (g: any) => g.name === 'catalyst:component:default/payments-api',
      );
    });
    expect(loaded.rules[0]).toMatchObject({
      name: 'CatalystErrorRate',
      labels: { catalyst_rule_id: String(ruleId), namespace: 'payments' },
    });

    const alert = await eventually(
      'the alert to reach Catalyst through Alertmanager',
      async () => {
        const res = await request(server).get(
          `${PAYMENTS}/alerts?state=active`,
        );
        return res.body.items.find((a: any) => a.ruleId === ruleId);
      },
      60_000,
    );
    expect(alert).toMatchObject({
      alertName: 'CatalystErrorRate',
      status: 'firing',
      entityRef: 'component:default/payments-api',
      labels: {
        severity: 'critical',
        catalyst_signal: 'error_rate',
        namespace: 'payments',
      },
    });
    expect(alert.annotations.summary).toBe(
      'component:default/payments-api: error rate above 5% for 2s',
    );

    const live = await request(server).get(`${PAYMENTS}/alerts/live`);
    expect(live.body.items.map((a: any) => a.labels.alertname)).toContain(
      'CatalystErrorRate',
    );
    const checkoutLive = await request(server).get(`${CHECKOUT}/alerts/live`);
    expect(
      checkoutLive.body.items.map((a: any) => a.labels.alertname),
    ).not.toContain('CatalystErrorRate');

    const incident = await request(server).get(
      `/api/observability/alerts/${alert.id}/incident`,
    );
    expect(incident.status).toBe(200);
    expect(incident.body.entityRef).toBe('component:default/payments-api');
    expect(incident.body.window.start).toBe(
      Date.parse(alert.startsAt) - 30 * 60_000,
    );
    expect(
      incident.body.goldenSignals.errors.series[0].values.some(
        (v: number | null) => v !== null && v > 0.1,
      ),
    ).toBe(true);
    expect(incident.body.warnings).toEqual([]);
    // Error lines of the window come from VictoriaLogs, of payments only.
    expect(incident.body.errorLogs).toHaveLength(10);
    expect(
      incident.body.errorLogs.every(
        (l: any) =>
          l.labels.namespace === 'payments' && l.fields.level === 'error',
      ),
    ).toBe(true);
    expect(incident.body.errorLogsQuery).toMatch(/^level:in\(fatal, error/);
    expect(incident.body.traceLinks).toEqual([
      {
        title: 'Traces of payments-api around the alert',
        url: `http://traces.test/search?service=payments-api&start=${incident.body.window.start}&end=${incident.body.window.end}`,
      },
    ]);

    const rendered = await request(server).get(`${PAYMENTS}/rules/rendered`);
    expect(rendered.body.prometheusRules).toBe(file);
    expect(rendered.body.alertmanagerConfig).toContain(
      `catalyst_rule_id="${ruleId}"`,
    );
    expect(rendered.body.alertmanagerConfig).toContain(
      'url: http://127.0.0.1:9/<redacted>',
    );

    const disabled = await request(server)
      .put(`${PAYMENTS}/rules/${ruleId}`)
      .send({ enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body.rule.enabled).toBe(false);
    expect(existsSync(created.body.application.file)).toBe(false);
    await eventually('Prometheus to drop the rule', async () => {
      const res = await (await fetch(`${prometheus.url}/api/v1/rules`)).json();
      return res.data.groups.length === 0 ? true : undefined;
    });
    expect(
      (await request(server).delete(`${PAYMENTS}/rules/${ruleId}`)).status,
    ).toBe(200);
    expect((await request(server).get(`${PAYMENTS}/rules`)).body.items).toEqual(
      [],
    );
    expect(
      (await request(server).delete(`${PAYMENTS}/rules/${ruleId}`)).status,
    ).toBe(404);
  }, 90_000);

  it('checks permissions on reads and on rule changes', async () => {
    const denied = await startBackend('DENY');
    expect(
      (await request(denied).get(`${PAYMENTS}/golden-signals`)).status,
    ).toBe(403);
    expect(
      (await request(denied).get(`${PAYMENTS}/query`).query({ query: 'up' }))
        .status,
    ).toBe(403);
    expect((await request(denied).get(`${PAYMENTS}/alerts`)).status).toBe(403);
    expect(
      (await request(denied).get('/api/observability/health')).status,
    ).toBe(403);
    expect(
      (
        await request(denied)
          .post(`${PAYMENTS}/rules`)
          .send({ signalType: 'traffic', threshold: 1 })
      ).status,
    ).toBe(403);
    // The webhook has no Backstage permission; it still needs its secret.
    expect(
      (
        await request(denied)
          .post('/api/observability/webhooks/alertmanager')
          .send({})
      ).status,
    ).toBe(401);
  }, 30_000);

  it('checks alert reads and rule changes against the entity, so a policy can limit a team to its component', async () => {
    const team = await startBackend('PAYMENTS_TEAM');
    expect((await request(team).get(`${PAYMENTS}/alerts`)).status).toBe(200);
    expect((await request(team).get(`${PAYMENTS}/rules`)).status).toBe(200);
    const checkoutAlerts = await request(team).get(`${CHECKOUT}/alerts`);
    expect(checkoutAlerts.status).toBe(403);
    expect(checkoutAlerts.body.error.message).toBe(
      'Not allowed: observability.alerts.read on component:default/checkout-web',
    );
    expect((await request(team).get(`${CHECKOUT}/alerts/live`)).status).toBe(
      403,
    );
    expect((await request(team).get(`${CHECKOUT}/rules`)).status).toBe(403);
    // The permission check passes for its own component: the body is what is refused.
    const own = await request(team)
      .post(`${PAYMENTS}/rules`)
      .send({ signalType: 'error_rate', threshold: 5 });
    expect(own.status).toBe(400);
    const other = await request(team)
      .post(`${CHECKOUT}/rules`)
      .send({ signalType: 'traffic', threshold: 1 });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'Not allowed: observability.rules.manage on component:default/checkout-web',
    );
    // The alert of checkout-web from the webhook test is not the team's to open.
    const checkoutAlert = (await request(server).get(`${CHECKOUT}/alerts`)).body
      .items[0];
    expect(
      (
        await request(team).get(
          `/api/observability/alerts/${checkoutAlert.id}/incident`,
        )
      ).status,
    ).toBe(403);
    // Instance health is about no one entity: a conditional grant is enough.
    expect((await request(team).get('/api/observability/health')).status).toBe(
      200,
    );
  }, 30_000);

  it('redacts notification URLs and lists only the rules of entities the caller may manage', async () => {
    const slackUrl = 'https://hooks.slack.com/services/T000/B000/SLACKTOKEN';
    const hookUrl = 'http://relay:HOOKPASSWORD@127.0.0.1:9/hook?t=QUERYTOKEN';
    const secrets = /SLACKTOKEN|HOOKPASSWORD|QUERYTOKEN|T000|relay/;
    const created = await request(server)
      .post(`${PAYMENTS}/rules`)
      .send({
        signalType: 'traffic',
        threshold: 1_000_000,
        notificationChannels: [
          { type: 'slack', channel: '#payments', webhookUrl: slackUrl },
          { type: 'webhook', url: hookUrl },
        ],
      });
    expect(created.status).toBe(201);
    const checkout = await request(server)
      .post(`${CHECKOUT}/rules`)
      .send({
        signalType: 'traffic',
        threshold: 1_000_000,
        notificationChannels: [
          { type: 'webhook', url: 'http://127.0.0.1:9/c' },
        ],
      });
    expect(checkout.status).toBe(201);
    const paymentsId = created.body.rule.id;
    const checkoutId = checkout.body.rule.id;
    try {
      const redacted = [
        {
          type: 'slack',
          channel: '#payments',
          webhookUrl: 'https://hooks.slack.com/<redacted>',
        },
        { type: 'webhook', url: 'http://127.0.0.1:9/<redacted>' },
      ];
      expect(created.body.rule.notificationChannels).toEqual(redacted);
      const list = await request(server).get(`${PAYMENTS}/rules`);
      expect(list.body.items[0].notificationChannels).toEqual(redacted);
      const rendered = await request(server).get(`${PAYMENTS}/rules/rendered`);
      const config = await request(server).get(
        '/api/observability/alertmanager/config',
      );
      for (const text of [
        JSON.stringify(created.body),
        JSON.stringify(list.body),
        JSON.stringify(rendered.body),
        config.text,
      ]) {
        expect(text).not.toMatch(secrets);
      }
      expect(config.text).toContain(
        'api_url: https://hooks.slack.com/<redacted>',
      );
      expect(config.text).toContain(`catalyst_rule_id="${checkoutId}"`);

      // A client that sends the channels back as it read them keeps the stored URLs...
      const edited = await request(server)
        .put(`${PAYMENTS}/rules/${paymentsId}`)
        .send({ threshold: 2_000_000, notificationChannels: redacted });
      expect(edited.status).toBe(200);
      expect(edited.body.rule.notificationChannels).toEqual(redacted);
      // ...and a redacted URL that stands for no stored one is refused.
      const unknown = await request(server)
        .put(`${PAYMENTS}/rules/${paymentsId}`)
        .send({
          notificationChannels: [
            { type: 'webhook', url: 'http://elsewhere.test/<redacted>' },
          ],
        });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/send the full URL/);

      // The payments team sees its own rule's receiver and not checkout-web's.
      const team = await startBackend('PAYMENTS_TEAM');
      const teamConfig = await request(team).get(
        '/api/observability/alertmanager/config',
      );
      expect(teamConfig.status).toBe(200);
      expect(teamConfig.text).toContain(`catalyst_rule_id="${paymentsId}"`);
      expect(teamConfig.text).not.toContain(`catalyst_rule_id="${checkoutId}"`);
      expect(teamConfig.text).not.toContain('checkout-web');
    } finally {
      await request(server).delete(`${PAYMENTS}/rules/${paymentsId}`);
      await request(server).delete(`${CHECKOUT}/rules/${checkoutId}`);
    }
  }, 60_000);

  it('refuses queries that read further back than maxLookback, with 400 and why', async () => {
    for (const [query, reason] of [
      [
        'max_over_time(up[30d:1s])',
        /evaluates 2592000 points, more than the allowed 11000/,
      ],
      [
        'max_over_time(up[30d:1h])',
        /reads 30d back .* more than the allowed 7d/,
      ],
      ['rate(up[8d])', /reads 8d back/],
      ['up offset 10d', /reads 10d back/],
      ['max_over_time(rate(up[1d])[6d:1h] offset 1h)', /reads 7\.04d back/],
      ['up @ 0', /more than the allowed 7d/],
      ['up + sum(rate(up[1y:1d]))', /reads 365d back/],
    ] as const) {
      const res = await request(server)
        .get(`${PAYMENTS}/query`)
        .query({ query });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toMatch(/\(lookback-too-long\)/);
      expect(res.body.error.message).toMatch(reason);
    }
    const now = Math.floor(Date.now() / 1000);
    const ranged = await request(server)
      .get(`${PAYMENTS}/query_range`)
      .query({ query: 'up offset 8d', start: now - 60, end: now });
    expect(ranged.status).toBe(400);
    expect(ranged.body.error.message).toMatch(/reads 8d back/);
    // Within the limit: 1d + 5d + 1h, and an `@` a minute ago.
    const recent = await request(server)
      .get(`${PAYMENTS}/query`)
      .query({
        query: `max_over_time(rate(up[1d])[5d:1h] offset 1h) or up @ ${
          now - 60
        }`,
      });
    expect(recent.status).toBe(200);
  }, 60_000);

  it('reads upstream answers only up to maxResponseBytes and says so with 502', async () => {
    const capped = await startBackend('ALLOW', { maxResponseBytes: 512 });
    const metrics = await request(capped)
      .get(`${PAYMENTS}/query`)
      .query({ query: '{__name__=~"http_request_duration_seconds_bucket"}' });
    expect(metrics.status).toBe(502);
    expect(metrics.body.error.message).toMatch(
      /^Prometheus instance 'main' \(http:\/\/127\.0\.0\.1:\d+\) answered more than 512 bytes \(observability\.limits\.maxResponseBytes\)/,
    );
    const logs = await request(capped).get(`${PAYMENTS}/logs`);
    expect(logs.status).toBe(502);
    expect(logs.body.error.message).toMatch(
      /^VictoriaLogs instance 'main' .* answered more than 512 bytes/,
    );
    // Alertmanager's status carries its whole configuration: too large here.
    const health = await request(capped).get('/api/observability/health');
    const alertmanager = health.body.items.find(
      (i: any) => i.kind === 'alertmanager',
    );
    expect(alertmanager).toMatchObject({
      status: 'down',
      error: expect.stringMatching(
        /Alertmanager instance 'main' .* answered more than 512 bytes/,
      ),
    });
    // Small answers still pass.
    const small = await request(capped)
      .get(`${PAYMENTS}/query`)
      .query({ query: 'count(up)' });
    expect(small.status).toBe(200);
  }, 30_000);

  it('bounds the incident window of a long-firing alert to maxRange', async () => {
    const startsAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const ok = await request(server)
      .post('/api/observability/webhooks/alertmanager')
      .set('authorization', `Bearer ${SECRET}`)
      .send({
        version: '4',
        status: 'firing',
        receiver: 'catalyst',
        groupKey: '{}:{alertname="MonthLong"}',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'MonthLong', namespace: 'payments' },
            annotations: {},
            startsAt,
            fingerprint: '0123456789abcdef',
          },
        ],
      });
    expect(ok.body).toEqual({ received: 1, linked: 1 });
    // Three entities claim namespace payments: the alert goes to one of them.
    let alert: any;
    for (const name of ['payments-api', 'dead-prometheus', 'hung-prometheus']) {
      const { body } = await request(server).get(
        `/api/observability/entities/component/default/${name}/alerts?state=active`,
      );
      alert ??= body.items.find((a: any) => a.alertName === 'MonthLong');
    }
    const incident = await request(server).get(
      `/api/observability/alerts/${alert.id}/incident`,
    );
    expect(incident.status).toBe(200);
    const { start, end } = incident.body.window;
    expect(start).toBe(Date.parse(startsAt) - 30 * 60_000);
    expect(end - start).toBe(7 * 86_400_000);
    expect(incident.body.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /lasted longer than observability\.limits\.maxRange/,
        ),
      ]),
    );
  }, 60_000);
});
