export { observabilityApiRef } from './ObservabilityApi';
export type { ObservabilityApi, TimeWindow } from './ObservabilityApi';
export { ObservabilityClient } from './ObservabilityClient';
