import { Config } from '@backstage/config';
import {
  isValidLabelName,
  readObservabilityScopeConfig,
} from '@catalyst/plugin-observability-common';
import { parsePrometheusDuration } from '../time/prometheusDuration';
import {
  InstanceConfig,
  InstanceKind,
  KubernetesClusterConfig,
  LogStoreInstanceConfig,
  ObservabilityConfig,
  PrometheusInstanceConfig,
  PrometheusRuleTargetConfig,
} from './ObservabilityConfig';

const DEFAULT_TIMEOUT_MS = 10_000;
/** Most log lines one request may ask for (Loki's default max_entries_limit_per_query too). */
const MAX_LOG_LINES = 5000;
/** Prometheus refuses range queries of more points per series. */
const PROMETHEUS_MAX_POINTS = 11_000;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Reads `observability.*`; throws on values that make no sense. */
export function readObservabilityConfig(config: Config): ObservabilityConfig {
  const root = config.getOptionalConfig('observability');
  const backendBaseUrl = config.getOptionalString('backend.baseUrl');

  const prometheus = readInstances(root, 'prometheus').map(
    ({ instance, entry }): PrometheusInstanceConfig => ({
      ...instance,
      kind: 'prometheus',
      ruleFilesDirectory: entry.getOptionalString('ruleFilesDirectory'),
    }),
  );
  const logs = readInstances(root, 'logs').map(
    ({ instance, entry }, index): LogStoreInstanceConfig => {
      const type = entry.getOptionalString('type') ?? 'victorialogs';
      if (type !== 'victorialogs' && type !== 'loki') {
        throw new Error(
          `observability.logs.instances[${index}].type must be victorialogs or loki, got '${type}'`,
        );
      }
      return { ...instance, kind: 'logs', type };
    },
  );
  const alertmanager = readInstances(root, 'alertmanager').map(
    ({ instance }) => instance,
  );

  const webhookUrl =
    root?.getOptionalString('alertmanager.webhookUrl') ??
    (backendBaseUrl
      ? `${backendBaseUrl.replace(
          /\/+$/,
          '',
        )}/api/observability/webhooks/alertmanager`
      : 'http://localhost:7007/api/observability/webhooks/alertmanager');
  checkUrl(webhookUrl, 'observability.alertmanager.webhookUrl');

  const maxPoints =
    root?.getOptionalNumber('limits.maxPoints') ?? PROMETHEUS_MAX_POINTS;
  checkInteger(
    maxPoints,
    1,
    PROMETHEUS_MAX_POINTS,
    'observability.limits.maxPoints',
  );
  const maxSeries = root?.getOptionalNumber('limits.maxSeries') ?? 500;
  checkInteger(maxSeries, 1, 100_000, 'observability.limits.maxSeries');
  const maxLogLines =
    root?.getOptionalNumber('limits.maxLogLines') ?? MAX_LOG_LINES;
  checkInteger(
    maxLogLines,
    1,
    MAX_LOG_LINES,
    'observability.limits.maxLogLines',
  );

  const instrumentation =
    root?.getOptionalString('goldenSignals.instrumentation') ?? 'auto';
  if (
    !['auto', 'prometheus-client', 'opentelemetry'].includes(instrumentation)
  ) {
    throw new Error(
      `observability.goldenSignals.instrumentation must be auto, prometheus-client or opentelemetry, got '${instrumentation}'`,
    );
  }

  const metricOverrides: ObservabilityConfig['goldenSignals']['metricOverrides'] =
    {};
  for (const key of [
    'requestDuration',
    'statusLabel',
    'errorStatus',
    'cpuUsage',
    'memoryUsage',
    'resourceLimits',
  ] as const) {
    const value = root?.getOptionalString(`goldenSignals.metrics.${key}`);
    if (value === undefined) continue;
    let valid = METRIC_NAME.test(value);
    if (key === 'errorStatus') valid = value.length > 0;
    if (key === 'statusLabel') valid = isValidLabelName(value);
    if (!valid) {
      throw new Error(
        `observability.goldenSignals.metrics.${key} is not a valid ${
          key === 'statusLabel' ? 'label' : 'metric'
        } name: '${value}'`,
      );
    }
    metricOverrides[key] = value;
  }

  const urlTemplate = root?.getOptionalString('tracing.urlTemplate');
  if (urlTemplate !== undefined) {
    // The incident view renders it as a link: only http(s), whatever the placeholders become.
    checkUrl(
      urlTemplate.replace(/\{\{\s*[\w.]+\s*\}\}/g, 'x'),
      'observability.tracing.urlTemplate',
    );
  }

  return {
    prometheus,
    logs,
    alertmanager,
    webhook: {
      secret: root?.getOptionalString('alertmanager.webhookSecret'),
      url: webhookUrl,
      secretFile:
        root?.getOptionalString('alertmanager.webhookSecretFile') ??
        '/etc/alertmanager/catalyst-webhook-secret',
    },
    alertmanagerRoute: {
      groupWait: duration(root, 'alertmanager.route.groupWait', '10s'),
      groupInterval: duration(root, 'alertmanager.route.groupInterval', '1m'),
      repeatInterval: duration(root, 'alertmanager.route.repeatInterval', '4h'),
    },
    limits: {
      maxRangeMs: durationMs(root, 'limits.maxRange', '7d'),
      maxLookbackMs: durationMs(root, 'limits.maxLookback', '7d'),
      maxPoints,
      maxSeries,
      maxLogLines,
      queryTimeoutMs: durationMs(root, 'limits.queryTimeout', '30s'),
    },
    goldenSignals: {
      instrumentation:
        instrumentation as ObservabilityConfig['goldenSignals']['instrumentation'],
      metricOverrides,
      rateWindow: duration(root, 'goldenSignals.rateWindow', '5m'),
    },
    rules: {
      evaluationInterval: duration(root, 'rules.evaluationInterval', '15s'),
      defaultDuration: duration(root, 'rules.defaultDuration', '1m', true),
      rateWindow: duration(root, 'rules.rateWindow', '5m'),
      mode: readRuleMode(root),
      kubernetes: readPrometheusRuleTarget(root),
    },
    scopes: readObservabilityScopeConfig(config),
    tracing: { urlTemplate },
    kubernetes: readKubernetesConfig(root),
  };
}

/** A Kubernetes namespace name (RFC 1123 label). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function readRuleMode(root: Config | undefined) {
  const mode = root?.getOptionalString('rules.mode') ?? 'standalone';
  if (mode !== 'standalone' && mode !== 'kubernetes') {
    throw new Error(
      `observability.rules.mode must be standalone or kubernetes, got '${mode}'`,
    );
  }
  return mode;
}

/** A Kubernetes label key: optional DNS subdomain prefix, then a name of up to 63 characters. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$/;
const LABEL_VALUE = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?$/;

function readPrometheusRuleTarget(
  root: Config | undefined,
): PrometheusRuleTargetConfig {
  const where = 'observability.rules.kubernetes';
  const target = root?.getOptionalConfig('rules.kubernetes');
  const namespace = target?.getOptionalString('namespace');
  if (
    namespace !== undefined &&
    (!NAMESPACE_NAME.test(namespace) || namespace.length > 63)
  ) {
    throw new Error(
      `${where}.namespace: '${namespace}' is not a Kubernetes namespace name`,
    );
  }
  const stack = target?.getOptionalString('stack');
  if (stack !== undefined && !NAMESPACE_NAME.test(stack)) {
    throw new Error(
      `${where}.stack: '${stack}' is not an ObservabilityStack name`,
    );
  }
  // Read raw: label keys such as catalyst.dev/tenant are not valid config keys.
  const raw = target?.getOptional<Record<string, unknown>>('labels') ?? {};
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (
      typeof value !== 'string' ||
      !LABEL_KEY.test(key) ||
      !LABEL_VALUE.test(value)
    ) {
      throw new Error(
        `${where}.labels: '${key}: ${value}' is not a valid Kubernetes label`,
      );
    }
    labels[key] = value;
  }
  return { namespace, stack, labels };
}

function readKubernetesConfig(
  root: Config | undefined,
): KubernetesClusterConfig | undefined {
  const kubernetes = root?.getOptionalConfig('kubernetes');
  if (!kubernetes) return undefined;
  const where = 'observability.kubernetes';
  const kubeconfigPath = kubernetes.getOptionalString('kubeconfigPath');
  const context = kubernetes.getOptionalString('context');
  const inCluster = kubernetes.getOptionalBoolean('inCluster') ?? false;
  if (inCluster && (kubeconfigPath !== undefined || context !== undefined)) {
    throw new Error(
      `${where}.inCluster uses the pod's service account: remove kubeconfigPath and context`,
    );
  }
  if (kubeconfigPath !== undefined && kubeconfigPath.trim() === '') {
    throw new Error(`${where}.kubeconfigPath must not be empty`);
  }
  if (context !== undefined && context.trim() === '') {
    throw new Error(`${where}.context must not be empty`);
  }
  const namespaces = kubernetes.getOptionalStringArray('namespaces');
  if (namespaces !== undefined) {
    if (namespaces.length === 0) {
      throw new Error(
        `${where}.namespaces must name at least one namespace; leave it out for all`,
      );
    }
    for (const namespace of namespaces) {
      if (!NAMESPACE_NAME.test(namespace) || namespace.length > 63) {
        throw new Error(
          `${where}.namespaces: '${namespace}' is not a Kubernetes namespace name`,
        );
      }
    }
  }
  return {
    kubeconfigPath,
    context,
    inCluster,
    namespaces: namespaces ? [...new Set(namespaces)] : undefined,
    timeoutMs: readTimeout(kubernetes, where),
  };
}

function readInstances(root: Config | undefined, kind: InstanceKind) {
  const entries = root?.getOptionalConfigArray(`${kind}.instances`) ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const where = `observability.${kind}.instances[${index}]`;
    const name = entry.getString('name');
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) {
      throw new Error(
        `${where}.name must be letters, digits, '.', '_' or '-', got '${name}'`,
      );
    }
    if (seen.has(name)) {
      throw new Error(
        `${where}.name '${name}' is used by another ${kind} instance`,
      );
    }
    seen.add(name);
    const baseUrl = entry.getString('baseUrl').replace(/\/+$/, '');
    checkUrl(baseUrl, `${where}.baseUrl`);
    const headersConfig = entry.getOptionalConfig('headers');
    const headers: Record<string, string> = {};
    for (const key of headersConfig?.keys() ?? []) {
      headers[key] = headersConfig!.getString(key);
    }
    const timeoutMs = readTimeout(entry, where);
    const maxResponseBytes = root?.getOptionalNumber('limits.maxResponseBytes');
    if (maxResponseBytes !== undefined) {
      checkInteger(
        maxResponseBytes,
        256,
        1024 ** 3,
        'observability.limits.maxResponseBytes',
      );
    }
    const instance: InstanceConfig = {
      kind,
      name,
      baseUrl,
      headers,
      timeoutMs,
      ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
    };
    return { instance, entry };
  });
}

function readTimeout(entry: Config, where: string): number {
  const raw = entry.getOptional<number | string>('timeout');
  if (raw === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = typeof raw === 'number' ? raw : parsePrometheusDuration(raw);
  if (ms === undefined || !(ms > 0) || ms > 600_000) {
    throw new Error(
      `${where}.timeout must be milliseconds or a duration such as '10s', between 1ms and 10m, got '${raw}'`,
    );
  }
  return ms;
}

function duration(
  root: Config | undefined,
  key: string,
  fallback: string,
  allowZero = false,
): string {
  const value = root?.getOptionalString(key) ?? fallback;
  const ms = parsePrometheusDuration(value);
  if (ms === undefined || (!allowZero && ms === 0)) {
    throw new Error(
      `observability.${key} must be a ${
        allowZero ? '' : 'positive '
      }Prometheus duration such as '5m', got '${value}'`,
    );
  }
  return value;
}

function durationMs(
  root: Config | undefined,
  key: string,
  fallback: string,
): number {
  return parsePrometheusDuration(duration(root, key, fallback))!;
}

function checkUrl(url: string, where: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${where} is not a URL: '${url}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${where} must be an http or https URL, got '${url}'`);
  }
}

function checkInteger(value: number, min: number, max: number, where: string) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${where} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
}
