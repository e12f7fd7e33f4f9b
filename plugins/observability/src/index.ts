/**
 * The Catalyst observability frontend plugin: the Observability tab of components
 * (golden signals, alerts, incidents, a PromQL explorer), the alerts and golden
 * signals cards, and the `/observability` page (stack health, metric explorer).
 *
 * The package root serves apps on the legacy frontend system
 * (`@backstage/app-defaults`); apps on the new frontend system install the
 * plugin from `@catalyst/plugin-observability/alpha`. Both use the same
 * components.
 *
 * @packageDocumentation
 */

export {
  EntityAlertsCard,
  EntityGoldenSignalsCard,
  EntityLogsContent,
  EntityObservabilityContent,
  isObservabilityAvailable,
  observabilityPlugin,
  ObservabilityPage,
} from './legacy';
export { ObservabilityClient, observabilityApiRef } from './api';
export type { TimeRangeKey } from './components/TimeRangePicker';
export type { ObservabilityApi, TimeWindow } from './api';
export {
  metricExplorerRouteRef,
  observabilityRouteRef,
  stackHealthRouteRef,
} from './routes';
