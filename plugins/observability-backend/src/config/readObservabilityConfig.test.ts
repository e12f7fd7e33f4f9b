import { ConfigReader } from '@backstage/config';
import { readObservabilityConfig } from './readObservabilityConfig';

const read = (observability: unknown, extra: Record<string, unknown> = {}) =>
  readObservabilityConfig(new ConfigReader({ ...extra, observability } as any));

describe('readObservabilityConfig', () => {
  it('applies defaults', () => {
    const config = read(undefined, {
      backend: { baseUrl: 'https://portal.test/' },
    });
    expect(config).toEqual({
      prometheus: [],
      logs: [],
      alertmanager: [],
      webhook: {
        secret: undefined,
        url: 'https://portal.test/api/observability/webhooks/alertmanager',
        secretFile: '/etc/alertmanager/catalyst-webhook-secret',
      },
      alertmanagerRoute: {
        groupWait: '10s',
        groupInterval: '1m',
        repeatInterval: '4h',
      },
      limits: {
        maxRangeMs: 7 * 86_400_000,
        maxLookbackMs: 7 * 86_400_000,
        maxPoints: 11_000,
        maxSeries: 500,
        maxLogLines: 5000,
        queryTimeoutMs: 30_000,
      },
      goldenSignals: {
        instrumentation: 'auto',
        metricOverrides: {},
        rateWindow: '5m',
      },
      rules: {
        evaluationInterval: '15s',
        defaultDuration: '1m',
        rateWindow: '5m',
        mode: 'standalone',
        kubernetes: { namespace: undefined, stack: undefined, labels: {} },
      },
      scopes: {
        policy: { mode: 'granted', grants: [], defaultInstances: {} },
        labelMapping: { labelNamePrefix: undefined, labelNames: undefined },
      },
      tracing: { urlTemplate: undefined },
    });
  });

  it('reads the kubernetes rule mode and where its PrometheusRules go', () => {
    expect(
      read({
        rules: {
          mode: 'kubernetes',
          kubernetes: {
            namespace: 'observability',
            stack: 'observability',
            labels: { 'catalyst.dev/team': 'payments' },
          },
        },
      }).rules,
    ).toMatchObject({
      mode: 'kubernetes',
      kubernetes: {
        namespace: 'observability',
        stack: 'observability',
        labels: { 'catalyst.dev/team': 'payments' },
      },
    });
  });

  it('reads instances with headers, timeouts and rule directories', () => {
    const config = read({
      prometheus: {
        instances: [
          {
            name: 'eu',
            baseUrl: 'http://prom-eu:9090/',
            headers: { Authorization: 'Bearer x' },
            timeout: '5s',
            ruleFilesDirectory: '/rules',
          },
          { name: 'us', baseUrl: 'http://prom-us:9090', timeout: 2500 },
        ],
      },
      logs: {
        instances: [
          { name: 'vl', baseUrl: 'http://victorialogs:9428/' },
          {
            name: 'legacy',
            type: 'loki',
            baseUrl: 'http://loki:3100',
            headers: { 'X-Scope-OrgID': 'tenant' },
          },
        ],
      },
      goldenSignals: {
        instrumentation: 'opentelemetry',
        metrics: { statusLabel: 'status_code' },
      },
    });
    expect(config.prometheus).toEqual([
      {
        kind: 'prometheus',
        name: 'eu',
        baseUrl: 'http://prom-eu:9090',
        headers: { Authorization: 'Bearer x' },
        timeoutMs: 5000,
        ruleFilesDirectory: '/rules',
      },
      {
        kind: 'prometheus',
        name: 'us',
        baseUrl: 'http://prom-us:9090',
        headers: {},
        timeoutMs: 2500,
        ruleFilesDirectory: undefined,
      },
    ]);
    expect(config.logs).toEqual([
      {
        kind: 'logs',
        type: 'victorialogs',
        name: 'vl',
        baseUrl: 'http://victorialogs:9428',
        headers: {},
        timeoutMs: 10_000,
      },
      {
        kind: 'logs',
        type: 'loki',
        name: 'legacy',
        baseUrl: 'http://loki:3100',
        headers: { 'X-Scope-OrgID': 'tenant' },
        timeoutMs: 10_000,
      },
    ]);
    expect(config.goldenSignals).toMatchObject({
      instrumentation: 'opentelemetry',
      metricOverrides: { statusLabel: 'status_code' },
    });
  });

  it.each([
    [
      { prometheus: { instances: [{ name: 'a', baseUrl: 'x' }] } },
      /baseUrl is not a URL/,
    ],
    [
      { prometheus: { instances: [{ name: 'a', baseUrl: 'ftp://x' }] } },
      /must be an http or https URL/,
    ],
    [
      {
        prometheus: {
          instances: [
            { name: 'a', baseUrl: 'http://x' },
            { name: 'a', baseUrl: 'http://y' },
          ],
        },
      },
      /'a' is used by another prometheus instance/,
    ],
    [
      { logs: { instances: [{ name: 'bad name', baseUrl: 'http://x' }] } },
      /name must be letters/,
    ],
    [
      {
        logs: {
          instances: [
            { name: 'a', type: 'elasticsearch', baseUrl: 'http://x' },
          ],
        },
      },
      /type must be victorialogs or loki, got 'elasticsearch'/,
    ],
    [
      {
        alertmanager: {
          instances: [{ name: 'a', baseUrl: 'http://x', timeout: 'soon' }],
        },
      },
      /timeout must be milliseconds or a duration/,
    ],
    [
      { limits: { maxRange: '7 days' } },
      /limits.maxRange must be a positive Prometheus duration/,
    ],
    [
      { limits: { maxPoints: 20_000 } },
      /maxPoints must be an integer from 1 to 11000/,
    ],
    [
      { limits: { maxLogLines: 10_000 } },
      /maxLogLines must be an integer from 1 to 5000/,
    ],
    [
      { goldenSignals: { instrumentation: 'datadog' } },
      /instrumentation must be auto/,
    ],
    [
      {
        goldenSignals: { metrics: { requestDuration: 'http.server.duration' } },
      },
      /not a valid metric name/,
    ],
    [
      { rules: { evaluationInterval: '0s' } },
      /evaluationInterval must be a positive/,
    ],
    [{ rules: { mode: 'operator' } }, /mode must be standalone or kubernetes/],
    [
      { rules: { kubernetes: { namespace: 'Observability' } } },
      /'Observability' is not a Kubernetes namespace name/,
    ],
    [
      { rules: { kubernetes: { labels: { 'team a': 'x' } } } },
      /'team a: x' is not a valid Kubernetes label/,
    ],
    [
      { labelMapping: { labelNamePrefix: 'label-' } },
      /labelNamePrefix must be a label name prefix/,
    ],
    [
      { labelMapping: { labelNames: { team: 'team-name' } } },
      /labelNames.team is not a valid label name: 'team-name'/,
    ],
    [
      { tracing: { urlTemplate: 'data:text/html,{{traceId}}' } },
      /urlTemplate must be an http or https URL/,
    ],
    [
      { tracing: { urlTemplate: 'traces/{{traceId}}' } },
      /urlTemplate is not a URL/,
    ],
  ])('refuses nonsense: %j', (observability, message) => {
    expect(() => read(observability)).toThrow(message);
  });
});
