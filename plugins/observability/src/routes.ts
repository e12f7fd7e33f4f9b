// Route refs of `@backstage/core-plugin-api` serve both frontend systems.
import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The observability page, `/observability`.
 *
 * @public
 */
export const observabilityRouteRef = createRouteRef({ id: 'observability' });

/**
 * The stack health tab of the observability page, `/observability/stacks`.
 *
 * @public
 */
export const stackHealthRouteRef = createRouteRef({
  id: 'observability:stacks',
});

/**
 * The metric explorer tab of the observability page, `/observability/explore`; takes
 * `?entity=<ref>&query=<promql>`.
 *
 * @public
 */
export const metricExplorerRouteRef = createRouteRef({
  id: 'observability:explore',
});

/** Path of the Observability tab below a component's entity page. */
export const OBSERVABILITY_TAB_PATH = 'observability';

/** Path of the Logs tab below a component's entity page; takes `?query=&range=`. */
export const LOGS_TAB_PATH = 'logs';

/** Query parameter of the Observability tab that opens an alert's incident (`?alert=17`). */
export const ALERT_QUERY_PARAM = 'alert';

/** Query parameter of the Observability tab that picks its view (`?view=explore`). */
export const VIEW_QUERY_PARAM = 'view';
