import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  LogFieldsResponse,
  LogLine,
  LogsResponse,
  LogVolumeResponse,
} from '@catalyst/plugin-observability-common';
import { Server } from 'node:http';
import request from 'supertest';
import {
  createServerDirectory,
  freePort,
  ServerProcess,
  startSilentServer,
} from '../__testUtils__/observabilityServers';
import {
  STREAM_FIELDS,
  twoComponentsLogs,
} from '../__testUtils__/twoComponentsLogs';
import {
  startVictoriaLogs,
  victoriaLogsBinary,
  VictoriaLogsServer,
} from '../__testUtils__/victoriaLogsServer';
import { observabilityPlugin } from '../plugin';

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
  component('dead-logs', {
    'backstage.io/kubernetes-namespace': 'payments',
    'backstage.io/kubernetes-label-selector': 'app=dead-logs',
    'catalyst.dev/logs-instance': 'dead',
  }),
  component('hung-logs', {
    'backstage.io/kubernetes-namespace': 'payments',
    'backstage.io/kubernetes-label-selector': 'app=hung-logs',
    'catalyst.dev/logs-instance': 'hung',
  }),
];

const ENTITY = '/api/observability/entities/component/default';
const PAYMENTS = `${ENTITY}/payments-api`;
const CHECKOUT = `${ENTITY}/checkout-web`;

// Hand-written attempts to read the checkout component's lines from payments-api: those
// naming only checkout read nothing, the others only payments' lines.
const HOSTILE_QUERIES: [string, 'nothing' | 'payments'][] = [
  ['*', 'payments'],
  ['_stream:{namespace="checkout"}', 'nothing'],
  ['{namespace="checkout"}', 'nothing'],
  ['_stream:{namespace=~".+"} or *', 'payments'],
  [
    '_stream:{namespace="checkout"} or _stream:{namespace="payments"}',
    'payments',
  ],
  ['not _stream:{namespace="payments"}', 'nothing'],
  [
    '_stream_id:in(_stream:{namespace="checkout"} | fields _stream_id)',
    'nothing',
  ],
  ['* | union (_stream:{namespace="checkout"})', 'payments'],
  ['* | union (*)', 'payments'],
  [
    'payments | join by (level) (_stream:{namespace="checkout"} | fields level, cart_id)',
    'payments',
  ],
  ['namespace:checkout or app:checkout-web', 'nothing'],
  // The subquery, scoped too, finds only payments' empty cart_id: all payments lines.
  ['cart_id:in(* | fields cart_id)', 'payments'],
  ['* | stats by (namespace) count() hits', 'payments'],
  ['* | fields _msg, _stream, namespace, app', 'payments'],
  ['options(ignore_global_time_filter=true) *', 'payments'],
];

describe('logs routes against a real VictoriaLogs', () => {
  const servers: ServerProcess[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let victoriaLogs: VictoriaLogsServer;
  let hung: Awaited<ReturnType<typeof startSilentServer>>;
  let deadPort: number;
  let server: Server;
  const end = Date.now();
  const window = {
    start: String((end - 3600_000) / 1000),
    end: String((end + 1000) / 1000),
  };

  beforeAll(async () => {
    directory = await createServerDirectory();
    victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: directory.dir,
    });
    servers.push(victoriaLogs);
    // Old enough that the live tail, which starts a few seconds back, does not show them.
    const { payments, checkout } = twoComponentsLogs(end - 30_000);
    await victoriaLogs.ingest([...payments, ...checkout], STREAM_FIELDS);
    hung = await startSilentServer();
    deadPort = await freePort();
    const backend = await startTestBackend({
      features: [
        observabilityPlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            observability: {
              logs: {
                instances: [
                  { name: 'main', baseUrl: victoriaLogs.url },
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
              limits: { maxRange: '2d', maxLogLines: 100 },
              tracing: { urlTemplate: 'http://traces.test/trace/{{traceId}}' },
              scopes: {
                grants: [
                  {
                    owners: ['team-a'],
                    namespaces: ['payments'],
                    instances: { logs: ['dead', 'hung'] },
                  },
                  { owners: ['team-a'], labels: { app: ['checkout-web'] } },
                ],
              },
            },
          },
        }),
      ],
    });
    server = backend.server as unknown as Server;
  });

  afterAll(async () => {
    await hung?.close();
    await Promise.all(servers.map(s => s.stop()));
    await directory?.remove();
  });

  const logs = async (path: string, query: Record<string, string> = {}) => {
    const res = await request(server)
      .get(`${path}/logs`)
      .query({ ...window, ...query });
    return res;
  };

  it('reads the ingested lines of the entity scope, newest first, with fields and labels', async () => {
    const res = await logs(PAYMENTS, { limit: '20' });
    expect(res.status).toBe(200);
    const body = res.body as LogsResponse;
    expect(body).toMatchObject({
      entityRef: 'component:default/payments-api',
      instance: 'main',
      language: 'logsql',
      query: { name: 'logs', query: '*' },
      scope: '{namespace="payments"}',
      limitReached: true,
    });
    expect(body.lines).toHaveLength(20);
    expect(body.lines[0]).toMatchObject({
      line: 'payments request 49 ok',
      labels: { namespace: 'payments', app: 'payments-api' },
      fields: { level: 'debug', seq: '49', user: 'pay-user-0' },
    });
    expect(body.lines[0].fields!.trace_id).toMatch(/^0+abc031$/);
    expect(body.lines[0].traceUrl).toBe(
      `http://traces.test/trace/${body.lines[0].fields!.trace_id}`,
    );
    const times = body.lines.map(l => BigInt(l.timestampNs));
    expect([...times].sort((a, b) => (a > b ? -1 : 1))).toEqual(times);

    const forward = (await logs(PAYMENTS, { limit: '3', direction: 'forward' }))
      .body as LogsResponse;
    expect(forward.lines.map(l => l.fields!.seq)).toEqual(['47', '48', '49']);
  });

  it('filters by LogsQL and by level', async () => {
    const errors = (await logs(PAYMENTS, { query: 'failed' }))
      .body as LogsResponse;
    expect(errors.lines).toHaveLength(10);
    expect(errors.lines.every(l => l.fields!.level === 'error')).toBe(true);

    const byLevel = (await logs(PAYMENTS, { level: 'warn,error' }))
      .body as LogsResponse;
    expect(new Set(byLevel.lines.map(l => l.fields!.level))).toEqual(
      new Set(['warn', 'error']),
    );
    expect(byLevel.lines).toHaveLength(20);

    const res = await logs(PAYMENTS, { level: 'error,loud' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/comma-separated levels/);
  });

  it('scopes by label selector: checkout-web reads only its own lines', async () => {
    const body = (await logs(CHECKOUT)).body as LogsResponse;
    expect(body.scope).toBe('{app="checkout-web"}');
    expect(body.lines).toHaveLength(50);
    expect(body.lines.every(l => l.labels.app === 'checkout-web')).toBe(true);
  });

  it.each(HOSTILE_QUERIES)(
    'never returns the other component for %s (reads %s)',
    async (query, reads) => {
      const res = await logs(PAYMENTS, { query });
      expect(res.status).toBe(200);
      const body = res.body as LogsResponse;
      expect(JSON.stringify(body.lines)).not.toContain('checkout');
      expect(body.lines.length > 0).toBe(reads === 'payments');
    },
  );

  it('ignores scope arguments smuggled into the query string', async () => {
    const res = await request(server)
      .get(`${PAYMENTS}/logs`)
      .query({
        ...window,
        query: '_stream:{namespace="checkout"} or *',
        extra_stream_filters: '{namespace="checkout"}',
        extra_filters: '*',
      });
    expect(res.status).toBe(200);
    const body = res.body as LogsResponse;
    expect(body.lines).toHaveLength(50);
    expect(body.lines.every(l => l.labels.namespace === 'payments')).toBe(true);
  });

  it('counts lines per level over time for the volume chart', async () => {
    const res = await request(server)
      .get(`${PAYMENTS}/logs/volume`)
      .query(window);
    expect(res.status).toBe(200);
    const body = res.body as LogVolumeResponse;
    expect(body.step).toBe(61);
    const totals = Object.fromEntries(
      body.series.map(s => [s.level, s.values.reduce((a, b) => a + b, 0)]),
    );
    expect(totals).toEqual({ info: 20, warn: 10, error: 10, debug: 10 });
    for (const series of body.series) {
      expect(series.timestamps).toHaveLength(series.values.length);
    }
  });

  it('lists field names and values of the scope only, for completion', async () => {
    const names = (
      await request(server).get(`${PAYMENTS}/logs/fields`).query(window)
    ).body as LogFieldsResponse;
    const fieldNames = names.values.map(v => v.value);
    expect(fieldNames).toEqual(
      expect.arrayContaining(['_msg', 'level', 'trace_id', 'user', 'seq']),
    );
    expect(fieldNames).not.toContain('cart_id');

    const users = (
      await request(server)
        .get(`${PAYMENTS}/logs/fields/user/values`)
        .query({ ...window, limit: '3' })
    ).body as LogFieldsResponse;
    expect(users.values.length).toBeGreaterThan(0);
    expect(users.values.length).toBeLessThanOrEqual(3);
    expect(users.values.every(v => v.value.startsWith('pay-user-'))).toBe(true);
  });

  it('tails new lines of the scope only, until the asked time is up', async () => {
    const tail = request(server)
      .get(`${PAYMENTS}/logs/tail`)
      .query({ seconds: '5' })
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', chunk => {
          text += chunk;
        });
        res.on('end', () => done(null, text));
      })
      .then(res => res);
    // Write while the tail is open; the tail shows lines once they are a second old.
    await new Promise(done => setTimeout(done, 1500));
    const now = Date.now();
    await victoriaLogs.ingest(
      [
        {
          _time: new Date(now).toISOString(),
          _msg: 'payments tailed line',
          namespace: 'payments',
          app: 'payments-api',
          level: 'info',
        },
        {
          _time: new Date(now).toISOString(),
          _msg: 'checkout tailed line',
          namespace: 'checkout',
          app: 'checkout-web',
          level: 'info',
        },
      ],
      STREAM_FIELDS,
    );
    const res = await tail;
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const batches = (res.body as string)
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as { lines: LogLine[] });
    const lines = batches.flatMap(b => b.lines).map(l => l.line);
    expect(lines).toEqual(['payments tailed line']);
  });

  it('answers 503 naming a log store that is down or hung, within its timeout', async () => {
    const dead = await logs(`${ENTITY}/dead-logs`);
    expect(dead.status).toBe(503);
    expect(dead.body.error.message).toMatch(
      new RegExp(
        `VictoriaLogs instance 'dead' \\(http://127.0.0.1:${deadPort}\\) is unreachable`,
      ),
    );

    const started = Date.now();
    const slow = await logs(`${ENTITY}/hung-logs`);
    expect(slow.status).toBe(503);
    expect(slow.body.error.message).toBe(
      `VictoriaLogs instance 'hung' (http://127.0.0.1:${hung.port}) did not answer within 700ms`,
    );
    expect(Date.now() - started).toBeLessThan(5000);

    const tail = await request(server)
      .get(`${ENTITY}/hung-logs/logs/tail`)
      .query({ seconds: '2' });
    expect(tail.status).toBe(503);
    expect(tail.body.error.message).toMatch(/'hung'.*did not answer/);
  });

  it('bounds the time range and the line limit', async () => {
    const wide = await logs(PAYMENTS, {
      start: String((end - 3 * 86_400_000) / 1000),
    });
    expect(wide.status).toBe(400);
    expect(wide.body.error.message).toMatch(/longer than the allowed 2 days/);

    const many = await logs(PAYMENTS, { limit: '101' });
    expect(many.status).toBe(400);
    expect(many.body.error.message).toMatch(/limit must be .* 1 to 100/);

    const backwards = await logs(PAYMENTS, {
      start: window.end,
      end: window.start,
    });
    expect(backwards.status).toBe(400);
  });

  it('refuses LogsQL the store cannot parse with its reason', async () => {
    const res = await logs(PAYMENTS, { query: 'foo | nosuchpipe' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /VictoriaLogs instance 'main' .* refused the request: .*nosuchpipe/,
    );
  });
});
