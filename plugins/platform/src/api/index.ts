export { platformApiRef } from './PlatformApi';
export type {
  ConventionComplianceQuery,
  PlatformApi,
  PlatformTaskListQuery,
  SpecLocator,
} from './PlatformApi';
export { PlatformClient } from './PlatformClient';
