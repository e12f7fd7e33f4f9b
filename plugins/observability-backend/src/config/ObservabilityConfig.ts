import {
  GoldenSignalMetrics,
  ObservabilityScopeConfig,
} from '@catalyst/plugin-observability-common';

/** The kinds of server the plugin talks to. */
export type InstanceKind = 'prometheus' | 'logs' | 'alertmanager';

/** The log stores the plugin has an adapter for. */
export type LogStoreType = 'victorialogs' | 'loki';

/** One configured Prometheus, log store or Alertmanager server. */
export interface InstanceConfig {
  kind: InstanceKind;
  /** Which log store, for kind `logs`. */
  type?: LogStoreType;
  name: string;
  /** Without a trailing slash. */
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Most bytes of one answer that are read; default `DEFAULT_MAX_RESPONSE_BYTES`. */
  maxResponseBytes?: number;
}

/** A Prometheus server, which may also take Catalyst's rule files. */
export interface PrometheusInstanceConfig extends InstanceConfig {
  kind: 'prometheus';
  ruleFilesDirectory?: string;
}

/** A log store: VictoriaLogs (the default), or Loki as an opt-in adapter. */
export interface LogStoreInstanceConfig extends InstanceConfig {
  kind: 'logs';
  type: LogStoreType;
}

/** How to reach the Kubernetes cluster that holds the ObservabilityStack objects. */
export interface KubernetesClusterConfig {
  /** A kubeconfig file; without it (and without inCluster) the default kubeconfig. */
  kubeconfigPath?: string;
  /** Kubeconfig context; default its current context. */
  context?: string;
  /** Use the pod's service account. */
  inCluster: boolean;
  /** Only these namespaces; default all. */
  namespaces?: string[];
  timeoutMs: number;
}

/** Where `kubernetes` rule mode writes PrometheusRule objects. */
export interface PrometheusRuleTargetConfig {
  /** Fixed namespace; default the entity's Kubernetes namespace. */
  namespace?: string;
  /** ObservabilityStack whose Prometheus selects the rules (label `release`). */
  stack?: string;
  /** Extra labels of every object. */
  labels: Record<string, string>;
}

/** The observability plugin's configuration, with defaults applied. */
export interface ObservabilityConfig {
  prometheus: PrometheusInstanceConfig[];
  logs: LogStoreInstanceConfig[];
  alertmanager: InstanceConfig[];
  webhook: {
    secret?: string;
    url: string;
    secretFile: string;
  };
  alertmanagerRoute: {
    groupWait: string;
    groupInterval: string;
    repeatInterval: string;
  };
  limits: {
    maxRangeMs: number;
    /** How far back a query may read before its evaluation times. */
    maxLookbackMs: number;
    maxPoints: number;
    maxSeries: number;
    maxLogLines: number;
    queryTimeoutMs: number;
  };
  goldenSignals: {
    instrumentation: 'auto' | 'prometheus-client' | 'opentelemetry';
    metricOverrides: Partial<Omit<GoldenSignalMetrics, 'instrumentation'>>;
    rateWindow: string;
  };
  rules: {
    evaluationInterval: string;
    defaultDuration: string;
    rateWindow: string;
    /** Rule files and reloads, or PrometheusRule objects. */
    mode: 'standalone' | 'kubernetes';
    kubernetes: PrometheusRuleTargetConfig;
  };
  /** The platform's grants (`observability.scopes`) and `observability.labelMapping`. */
  scopes: ObservabilityScopeConfig;
  tracing: { urlTemplate?: string };
  /** Undefined when not configured: the default kubeconfig is used when there is one. */
  kubernetes?: KubernetesClusterConfig;
}
