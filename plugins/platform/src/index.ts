/**
 * The Catalyst platform frontend plugin: the spec portfolio page (`/specs`)
 * and the Specs tab of components, on the new frontend system.
 *
 * @packageDocumentation
 */

import { platformPlugin } from './plugin';

export { platformPlugin };
export { PlatformClient, platformApiRef } from './api';
export type { PlatformApi, SpecLocator } from './api';
export { specsRouteRef, techdocsDocRouteRef } from './routes';

export default platformPlugin;
