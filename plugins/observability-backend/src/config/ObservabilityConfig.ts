import { GoldenSignalMetrics } from '@catalyst/plugin-observability-common';

/** The kinds of server the plugin talks to. */
export type InstanceKind = 'prometheus' | 'loki' | 'alertmanager';

/** One configured Prometheus, Loki or Alertmanager server. */
export interface InstanceConfig {
  kind: InstanceKind;
  name: string;
  /** Without a trailing slash. */
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** A Prometheus server, which may also take Catalyst's rule files. */
export interface PrometheusInstanceConfig extends InstanceConfig {
  kind: 'prometheus';
  ruleFilesDirectory?: string;
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
  loki: InstanceConfig[];
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
  labelMapping: {
    labelNamePrefix?: string;
    labelNames?: Record<string, string>;
  };
  tracing: { urlTemplate?: string };
  /** Undefined when not configured: the default kubeconfig is used when there is one. */
  kubernetes?: KubernetesClusterConfig;
}
