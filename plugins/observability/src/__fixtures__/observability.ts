import type {
  AlertEvent,
  AlertRule,
  RenderedAlertingConfig,
  GoldenSignal,
  GoldenSignalsResponse,
  IncidentInvestigation,
  IncidentResponse,
  InstancesHealthResponse,
  LiveAlertsResponse,
  LogsResponse,
  LogVolumeResponse,
  ObservabilityStackSummary,
  QueryResponse,
  TimeSeries,
} from '@catalyst/plugin-observability-common';

export const entityRef = 'component:default/payments-api';
const scope = 'namespace="payments"';
const h = 'http_request_duration_seconds';

/** 2025-03-01T12:00:00Z, the end of every fixture window. */
export const END = Date.UTC(2025, 2, 1, 12, 0, 0);
const STEP_MS = 60_000;

function series(
  labels: Record<string, string>,
  values: (number | null)[],
): TimeSeries {
  return {
    labels,
    timestamps: values.map((_, i) => END - (values.length - 1 - i) * STEP_MS),
    values,
  };
}

function signal(
  unit: GoldenSignal['unit'],
  parts: { name: string; query: string; values: (number | null)[] }[],
): GoldenSignal {
  return {
    unit,
    series: parts.map(p => series({ signal: p.name }, p.values)),
    queries: parts.map(p => ({ name: p.name, query: p.query })),
  };
}

const latencyQuery = (q: number) =>
  `histogram_quantile(${q}, sum by (le) (rate(${h}_bucket{${scope}}[5m])))`;

export const goldenSignals: GoldenSignalsResponse = {
  entityRef,
  instance: 'main',
  metrics: {
    instrumentation: 'prometheus-client',
    requestDuration: h,
    statusLabel: 'code',
    errorStatus: '5..',
    cpuUsage: 'container_cpu_usage_seconds_total',
    memoryUsage: 'container_memory_working_set_bytes',
    resourceLimits: 'kube_pod_container_resource_limits',
  },
  metricsSource: 'detected',
  range: { start: END - 3600_000, end: END, step: 60 },
  signals: {
    latency: signal('seconds', [
      { name: 'p50', query: latencyQuery(0.5), values: [0.021, 0.024, 0.022] },
      { name: 'p95', query: latencyQuery(0.95), values: [0.18, 0.21, 0.42] },
      { name: 'p99', query: latencyQuery(0.99), values: [0.45, 0.6, 1.2] },
    ]),
    traffic: signal('requests_per_second', [
      {
        name: 'traffic',
        query: `sum(rate(${h}_count{${scope}}[5m]))`,
        values: [118.2, 120.5, 131.7],
      },
    ]),
    errors: signal('ratio', [
      {
        name: 'errors',
        query: `(sum(rate(${h}_count{code=~"5..",${scope}}[5m])) or vector(0)) / sum(rate(${h}_count{${scope}}[5m]))`,
        values: [0.001, null, 0.034],
      },
    ]),
    saturation: signal('ratio', [
      {
        name: 'cpu',
        query: `sum(rate(container_cpu_usage_seconds_total{container!="",${scope}}[5m])) / sum(kube_pod_container_resource_limits{resource="cpu",${scope}})`,
        values: [0.41, 0.44, 0.52],
      },
      {
        name: 'memory',
        query: `sum(container_memory_working_set_bytes{container!="",${scope}}) / sum(kube_pod_container_resource_limits{resource="memory",${scope}})`,
        values: [0.63, 0.63, 0.64],
      },
    ]),
  },
};

export const firingAlert: AlertEvent = {
  id: 17,
  fingerprint: 'a1b2c3d4e5f60718',
  alertName: 'PaymentsApiHighErrorRate',
  status: 'firing',
  labels: {
    alertname: 'PaymentsApiHighErrorRate',
    severity: 'critical',
    namespace: 'payments',
    catalyst_entity_ref: entityRef,
    catalyst_rule_id: '3',
    catalyst_signal: 'error_rate',
  },
  annotations: {
    summary: 'payments-api answers 3.4 % of requests with 5xx',
  },
  startsAt: '2025-03-01T11:52:00.000Z',
  entityRef,
  ruleId: 3,
  generatorUrl: 'http://prometheus:9090/graph?g0.expr=...',
  receivedAt: '2025-03-01T11:52:30.000Z',
};

export const resolvedAlert: AlertEvent = {
  id: 12,
  fingerprint: '0f1e2d3c4b5a6978',
  alertName: 'PaymentsApiSlowResponses',
  status: 'resolved',
  labels: {
    alertname: 'PaymentsApiSlowResponses',
    severity: 'warning',
    namespace: 'payments',
  },
  annotations: { summary: 'p95 latency above 500ms' },
  startsAt: '2025-03-01T11:31:00.000Z',
  endsAt: '2025-03-01T11:44:00.000Z',
  entityRef,
  receivedAt: '2025-03-01T11:44:10.000Z',
};

export const liveAlerts: LiveAlertsResponse = {
  entityRef,
  instance: 'main',
  items: [
    {
      fingerprint: firingAlert.fingerprint,
      labels: firingAlert.labels,
      annotations: firingAlert.annotations,
      startsAt: firingAlert.startsAt,
      endsAt: '2025-03-01T12:04:00.000Z',
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
    },
  ],
};

export const incident: IncidentResponse = {
  alert: firingAlert,
  entityRef,
  window: { start: Date.UTC(2025, 2, 1, 11, 22), end: END },
  goldenSignals: {
    errors: goldenSignals.signals.errors,
    latency: goldenSignals.signals.latency,
  },
  errorLogs: [
    {
      timestampNs: '1740830000000000000',
      timestamp: 1740830000000,
      line: 'level=error msg="charge failed" trace_id=4bf92f3577b34da6a3ce929d0e0e4736',
      labels: { namespace: 'payments', pod: 'payments-api-7d9f-x2k' },
    },
  ],
  errorLogsQuery: '{namespace="payments"} |~ "(?i)(error|fatal)"',
  relatedAlerts: [resolvedAlert],
  traceLinks: [
    {
      title: 'Trace 4bf92f35',
      url: 'https://tracing.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    },
  ],
  warnings: ['Loki instance main answered slowly; logs may be incomplete'],
};

export const investigation: IncidentInvestigation = {
  id: 1,
  taskId: 7,
  entityRef,
  fingerprint: firingAlert.fingerprint,
  alertName: firingAlert.alertName,
  episodeStart: firingAlert.startsAt,
  window: incident.window,
  signals: [
    {
      signal: 'errors',
      series: 'errors',
      unit: 'ratio',
      before: 0.005,
      during: 0.2,
      factor: 40,
    },
  ],
  logPatterns: [
    {
      pattern: 'timeout calling ledger-worker after <n>ms',
      example: 'timeout calling ledger-worker after 3000ms',
      before: 0,
      during: 80,
      shareOfDuring: 0.8,
    },
  ],
  logLines: { read: 100, limitReached: false },
  relatedAlerts: [],
  changes: [
    {
      entityRef,
      relation: 'self',
      repository: 'acme/payments-api',
      number: 123,
      title: 'feat(payments): call ledger-worker synchronously',
      url: 'https://github.com/acme/payments-api/pull/123',
      mergedAt: firingAlert.startsAt,
      scopes: ['payments'],
      specTasks: ['T012'],
    },
  ],
  deployments: [
    {
      entityRef: 'component:default/ledger-worker',
      relation: 'dependency',
      repository: 'acme/ledger-worker',
      id: 31,
      environment: 'production',
      ref: 'v2.1.0',
      sha: 'abcdef0123456789abcdef0123456789abcdef01',
      description: 'weekly release',
      createdAt: firingAlert.startsAt,
      url: 'https://github.com/acme/ledger-worker/deployments/production',
    },
  ],
  causes: [
    {
      rank: 1,
      kind: 'change',
      score: 0.98,
      title: 'PR #123: feat(payments): call ledger-worker synchronously',
      reason:
        'error ratio rose 40× (0.5 % → 20 %) within 2 minutes of PR #123 merging; 80 % of new error lines match `timeout calling ledger-worker after <n>ms`',
      url: 'https://github.com/acme/payments-api/pull/123',
    },
  ],
  issue: { number: 9, url: 'https://github.com/acme/payments-api/issues/9' },
  warnings: [],
  createdAt: firingAlert.startsAt,
  updatedAt: firingAlert.startsAt,
};

export const rangeQueryResponse: QueryResponse = {
  entityRef,
  instance: 'main',
  query: {
    name: 'query',
    query: `sum by (code) (rate(${h}_count{${scope}}[5m]))`,
  },
  resultType: 'matrix',
  series: [
    series({ code: '200' }, [110, 112, 120]),
    series({ code: '500' }, [0.2, 0.4, 4.5]),
  ],
  range: { start: END - 3600_000, end: END, step: 14 },
  truncated: false,
  seriesTotal: 2,
  warnings: [],
};

export const instancesHealth: InstancesHealthResponse = {
  items: [
    {
      kind: 'prometheus',
      name: 'main',
      baseUrl: 'http://prometheus:9090',
      status: 'up',
      version: '3.5.0',
      latencyMs: 12,
    },
    {
      kind: 'alertmanager',
      name: 'main',
      baseUrl: 'http://alertmanager:9093',
      status: 'down',
      latencyMs: 10000,
      error: 'did not answer within 10000ms',
    },
  ],
};

export const stacks: ObservabilityStackSummary[] = [
  {
    cluster: 'prod',
    namespace: 'observability',
    name: 'main',
    generation: 4,
    observedGeneration: 4,
    ready: true,
    health: 'healthy',
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReleasesDeployed',
        message: 'all releases are deployed',
        observedGeneration: 4,
        lastTransitionTime: '2025-03-01T10:00:00Z',
      },
    ],
    releases: [
      {
        component: 'prometheus',
        name: 'kube-prometheus-stack',
        chart: 'kube-prometheus-stack',
        version: '69.3.1',
        revision: 5,
        status: 'deployed',
      },
    ],
    endpoints: { prometheus: 'http://prometheus.observability:9090' },
  },
  {
    cluster: 'prod-eu',
    namespace: 'team-eu',
    name: 'eu',
    generation: 2,
    observedGeneration: 1,
    ready: false,
    health: 'degraded',
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'ReleaseFailed',
        message:
          'helm upgrade of loki failed: timed out waiting for the condition',
        lastTransitionTime: '2025-03-01T11:00:00Z',
      },
    ],
    releases: [
      {
        component: 'loki',
        name: 'loki',
        chart: 'loki',
        version: '6.29.0',
        revision: 3,
        status: 'failed',
      },
    ],
    endpoints: {},
  },
];

export const errorRateRule: AlertRule = {
  id: 3,
  entityRef,
  signalType: 'error_rate',
  threshold: 0.05,
  operator: 'gt',
  duration: '5m',
  severity: 'critical',
  enabled: true,
  notificationChannels: [{ type: 'slack', channel: '#payments-alerts' }],
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};

export const latencySlo: AlertRule = {
  id: 4,
  entityRef,
  signalType: 'latency',
  threshold: 0.3,
  operator: 'gt',
  duration: '2m',
  severity: 'warning',
  enabled: false,
  objective: 0.999,
  notificationChannels: [],
  createdAt: '2025-03-01T10:05:00.000Z',
  updatedAt: '2025-03-01T10:05:00.000Z',
};

export const renderedRules: RenderedAlertingConfig = {
  entityRef,
  prometheusRules: `# Rendered by Catalyst for ${entityRef}; changes here are overwritten.
groups:
  - name: catalyst:${entityRef}
    interval: 15s
    rules:
      - alert: CatalystErrorRate
        expr: sum(rate(http_request_duration_seconds_count{code=~"5..", namespace="payments"}[5m])) / sum(rate(http_request_duration_seconds_count{namespace="payments"}[5m])) > 0.05
        for: 5m
`,
  alertmanagerConfig: 'route: {}\n',
};

const logTime = Date.UTC(2026, 0, 15, 10, 0, 0);

export const logs: LogsResponse = {
  entityRef,
  instance: 'main',
  language: 'logsql',
  query: { name: 'logs', query: '*' },
  scope: '{namespace="payments"}',
  limitReached: false,
  lines: [
    {
      timestampNs: `${logTime + 2000}000000`,
      timestamp: logTime + 2000,
      line: 'request failed: upstream card processor returned 502',
      labels: { namespace: 'payments', app: 'payments-api' },
      fields: {
        level: 'error',
        status: '500',
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      },
      traceUrl: 'https://traces.test/trace/4bf92f3577b34da6a3ce929d0e0e4736',
    },
    {
      timestampNs: `${logTime + 1000}000000`,
      timestamp: logTime + 1000,
      line: 'request served',
      labels: { namespace: 'payments', app: 'payments-api' },
      fields: { level: 'info', status: '200' },
    },
  ],
};

export const logVolume: LogVolumeResponse = {
  entityRef,
  instance: 'main',
  step: 60,
  series: [
    {
      level: 'info',
      timestamps: [logTime, logTime + 60_000],
      values: [40, 42],
    },
    { level: 'error', timestamps: [logTime, logTime + 60_000], values: [3, 5] },
  ],
};
