/**
 * The Catalyst observability frontend plugin: the Observability tab of components
 * (golden signals, alerts, incidents, a PromQL explorer) and the `/observability` page
 * (stack health, metric explorer), on the new frontend system.
 *
 * @packageDocumentation
 */

import { observabilityPlugin } from './plugin';

export { observabilityPlugin };
export { ObservabilityClient, observabilityApiRef } from './api';
export { EntityLogsContent } from './components/EntityLogsContent';
export type { ObservabilityApi, TimeWindow } from './api';
export {
  metricExplorerRouteRef,
  observabilityRouteRef,
  stackHealthRouteRef,
} from './routes';

export default observabilityPlugin;
