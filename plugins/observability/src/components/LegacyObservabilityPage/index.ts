export { LegacyObservabilityPage } from './LegacyObservabilityPage';
