import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  END,
  goldenSignals,
  incident,
  rangeQueryResponse,
  stacks,
} from '../__fixtures__/observability';
import { ObservabilityClient } from './ObservabilityClient';

const baseUrl = 'http://localhost:7007/api/observability';
const entityBase = `${baseUrl}/entities/component/default/payments-api`;

describe('ObservabilityClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ObservabilityClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });

  function capture(
    method: 'get' | 'post' | 'put' | 'delete',
    url: string,
    body: unknown,
  ) {
    const seen: { url?: URL; auth?: string | null; body?: unknown } = {};
    server.use(
      http[method](url, async ({ request }) => {
        seen.url = new URL(request.url);
        seen.auth = request.headers.get('authorization');
        if (method === 'post' || method === 'put') {
          seen.body = await request.json();
        }
        return HttpResponse.json(body as any);
      }),
    );
    return seen;
  }

  it('asks for golden signals with the window in Unix seconds and the signal list', async () => {
    const seen = capture('get', `${entityBase}/golden-signals`, goldenSignals);

    const result = await client.getGoldenSignals({
      entityRef: 'Component:default/payments-api',
      start: END - 900_000,
      end: END,
      step: 15,
      signals: ['latency', 'errors'],
    });

    expect(result.signals.latency.series).toHaveLength(3);
    expect(seen.auth).toBe('Bearer user-token');
    expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
      start: '1740829500',
      end: '1740830400',
      step: '15',
      signals: 'latency,errors',
    });
  });

  it('sends range queries verbatim; the backend scopes them', async () => {
    const seen = capture(
      'get',
      `${entityBase}/query_range`,
      rangeQueryResponse,
    );

    await client.queryRange({
      entityRef: 'component:default/payments-api',
      query: 'sum by (code) (rate(http_request_duration_seconds_count[5m]))',
      start: END - 3600_000,
      end: END,
    });

    expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
      query: 'sum by (code) (rate(http_request_duration_seconds_count[5m]))',
      start: '1740826800',
      end: '1740830400',
    });
  });

  it('sends instant queries without a time when none is given', async () => {
    const seen = capture('get', `${entityBase}/query`, rangeQueryResponse);

    await client.query({
      entityRef: 'component:default/payments-api',
      query: 'up',
    });

    expect(seen.url!.search).toBe('?query=up');
  });

  it('asks for active alerts, live alerts, logs and labels on the entity routes', async () => {
    const alerts = capture('get', `${entityBase}/alerts`, {
      entityRef: 'x',
      items: [],
    });
    const live = capture('get', `${entityBase}/alerts/live`, { items: [] });
    const logs = capture('get', `${entityBase}/logs`, { lines: [] });
    const labels = capture('get', `${entityBase}/labels`, { labels: [] });

    await client.getAlerts({
      entityRef: 'component:default/payments-api',
      state: 'active',
      limit: 50,
    });
    await client.getLiveAlerts({ entityRef: 'component:default/payments-api' });
    await client.getLogs({
      entityRef: 'component:default/payments-api',
      query: '{app="x"} |= "error"',
      limit: 200,
      direction: 'backward',
    });
    await client.getLabelNames({ entityRef: 'component:default/payments-api' });

    expect(alerts.url!.search).toBe('?state=active&limit=50');
    expect(live.url!.pathname).toBe(
      '/api/observability/entities/component/default/payments-api/alerts/live',
    );
    expect(Object.fromEntries(logs.url!.searchParams)).toEqual({
      query: '{app="x"} |= "error"',
      limit: '200',
      direction: 'backward',
    });
    expect(labels.url!.search).toBe('');
  });

  it('reads the incident of an alert by id', async () => {
    const seen = capture('get', `${baseUrl}/alerts/17/incident`, incident);

    const result = await client.getIncident({ alertId: 17 });

    expect(seen.url!.pathname).toBe('/api/observability/alerts/17/incident');
    expect(result.traceLinks[0].traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('creates, updates and deletes rules with JSON bodies', async () => {
    const mutation = {
      application: {
        status: 'not-configured',
        instance: 'main',
        validatedWithPromtool: false,
      },
    };
    const created = capture('post', `${entityBase}/rules`, mutation);
    const updated = capture('put', `${entityBase}/rules/3`, mutation);
    const deleted = capture('delete', `${entityBase}/rules/3`, mutation);

    await client.createRule({
      entityRef: 'component:default/payments-api',
      rule: { signalType: 'error_rate', threshold: 0.05, duration: '5m' },
    });
    await client.updateRule({
      entityRef: 'component:default/payments-api',
      id: 3,
      rule: { enabled: false },
    });
    const result = await client.deleteRule({
      entityRef: 'component:default/payments-api',
      id: 3,
    });

    expect(created.body).toEqual({
      signalType: 'error_rate',
      threshold: 0.05,
      duration: '5m',
    });
    expect(updated.body).toEqual({ enabled: false });
    expect(deleted.url!.pathname).toBe(
      '/api/observability/entities/component/default/payments-api/rules/3',
    );
    expect(result.application.status).toBe('not-configured');
  });

  it('lists stacks and instance health from the plugin root', async () => {
    const stackCall = capture('get', `${baseUrl}/stacks`, { items: stacks });
    const healthCall = capture('get', `${baseUrl}/health`, { items: [] });

    const result = await client.getStacks();
    await client.getInstancesHealth();

    expect(result.items.map(s => s.health)).toEqual(['healthy', 'degraded']);
    expect(stackCall.url!.pathname).toBe('/api/observability/stacks');
    expect(healthCall.url!.pathname).toBe('/api/observability/health');
  });

  it('throws a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${entityBase}/golden-signals`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                "Prometheus instance 'eu' (http://prometheus-eu:9090) did not answer within 10000ms",
            },
            request: { method: 'GET', url: '/golden-signals' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );

    const promise = client.getGoldenSignals({
      entityRef: 'component:default/payments-api',
    });

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 503,
      body: { error: { message: expect.stringContaining("instance 'eu'") } },
    });
  });
});
