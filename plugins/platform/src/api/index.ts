export { platformApiRef } from './PlatformApi';
export type { PlatformApi, SpecLocator } from './PlatformApi';
export { PlatformClient } from './PlatformClient';
