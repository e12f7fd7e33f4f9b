export { ObservabilityStackReader } from './ObservabilityStackReader';
export { createStacksRouter } from './stacksRouter';
