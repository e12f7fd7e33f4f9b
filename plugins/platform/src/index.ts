/**
 * The Catalyst platform frontend plugin: the spec portfolio (`/specs`), the
 * platform task queue (`/platform-tasks`) and the conventions overview
 * (`/conventions`) pages, and the Specs, Agent context, Maintenance and
 * Conventions tabs of components, on the new frontend system.
 *
 * @packageDocumentation
 */

import { platformPlugin } from './plugin';

export { platformPlugin };
export { PlatformClient, platformApiRef } from './api';
export type {
  ConventionComplianceQuery,
  PlatformApi,
  PlatformTaskListQuery,
  SpecLocator,
} from './api';
export {
  conventionsRouteRef,
  platformTasksRouteRef,
  specsRouteRef,
  techdocsDocRouteRef,
} from './routes';

export default platformPlugin;
