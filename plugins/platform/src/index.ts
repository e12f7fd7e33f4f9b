/**
 * The Catalyst platform frontend plugin: the spec portfolio (`/specs`), the
 * platform task queue (`/platform-tasks`) and the conventions overview
 * (`/conventions`) pages, the Specs, Agent context, Maintenance and
 * Conventions tabs of components and their Releases card.
 *
 * The package root serves apps on the legacy frontend system
 * (`@backstage/app-defaults`); apps on the new frontend system install the
 * plugin from `@catalyst/plugin-platform/alpha`. Both use the same components.
 *
 * @packageDocumentation
 */

export {
  ConventionsPage,
  EntityAgentContextContent,
  EntityConventionsContent,
  EntityMaintenanceContent,
  EntityReleasesCard,
  EntitySpecsContent,
  isAgentContextAvailable,
  isConventionsAvailable,
  isMaintenanceAvailable,
  isReleasesAvailable,
  isSpecsAvailable,
  platformPlugin,
  PlatformTasksPage,
  SpecsPage,
} from './legacy';
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
