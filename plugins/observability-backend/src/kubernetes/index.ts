export { ObservabilityStackReader } from './ObservabilityStackReader';
export { createStacksRouter } from './stacksRouter';
export { PrometheusRuleApplier } from './PrometheusRuleApplier';
