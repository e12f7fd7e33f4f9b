export { ObservabilityErrorPanel } from './ObservabilityErrorPanel';
export { describeObservabilityError } from './describeObservabilityError';
