import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The observability page, `/observability`.
 *
 * @public
 */
export const observabilityRouteRef = createRouteRef();

/**
 * The stack health tab of the observability page, `/observability/stacks`.
 *
 * @public
 */
export const stackHealthRouteRef = createRouteRef();

/**
 * The metric explorer tab of the observability page, `/observability/explore`; takes
 * `?entity=<ref>&query=<promql>`.
 *
 * @public
 */
export const metricExplorerRouteRef = createRouteRef();

/** Path of the Observability tab below a component's entity page. */
export const OBSERVABILITY_TAB_PATH = 'observability';

/** Path of the Logs tab below a component's entity page; takes `?query=&range=`. */
export const LOGS_TAB_PATH = 'logs';

/** Query parameter of the Observability tab that opens an alert's incident (`?alert=17`). */
export const ALERT_QUERY_PARAM = 'alert';

/** Query parameter of the Observability tab that picks its view (`?view=explore`). */
export const VIEW_QUERY_PARAM = 'view';
