export { readObservabilityConfig } from './readObservabilityConfig';
export type {
  InstanceConfig,
  InstanceKind,
  KubernetesClusterConfig,
  ObservabilityConfig,
  PrometheusInstanceConfig,
  PrometheusRuleTargetConfig,
} from './ObservabilityConfig';
