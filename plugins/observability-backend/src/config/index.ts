export { readObservabilityConfig } from './readObservabilityConfig';
export type {
  InstanceConfig,
  InstanceKind,
  KubernetesClusterConfig,
  LogStoreInstanceConfig,
  LogStoreType,
  ObservabilityConfig,
  PrometheusInstanceConfig,
  PrometheusRuleTargetConfig,
} from './ObservabilityConfig';
