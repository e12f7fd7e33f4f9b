import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/**
 * The spec portfolio page, `/specs`.
 *
 * @public
 */
export const specsRouteRef = createRouteRef();

/**
 * A TechDocs page; bound to TechDocs' reader (`/docs/:namespace/:kind/:name`)
 * by default, which renders a Spec entity's folder.
 *
 * @public
 */
export const techdocsDocRouteRef = createExternalRouteRef({
  params: ['namespace', 'kind', 'name'],
  defaultTarget: 'techdocs.docRoot',
});

/** Path of the Specs tab below a component's entity page. */
export const SPECS_TAB_PATH = 'specs';

/** Query parameter of the Specs tab that opens one spec (`?spec=001-auth`). */
export const SPEC_QUERY_PARAM = 'spec';

/**
 * The platform task queue page, `/platform-tasks`.
 *
 * @public
 */
export const platformTasksRouteRef = createRouteRef();

/**
 * The conventions compliance overview page, `/conventions`.
 *
 * @public
 */
export const conventionsRouteRef = createRouteRef();

/** Path of the Maintenance tab (the component's platform tasks). */
export const MAINTENANCE_TAB_PATH = 'platform-tasks';

/** Path of the Conventions tab below a component's entity page. */
export const CONVENTIONS_TAB_PATH = 'conventions';

/** Query parameter of the task queue that opens one task (`?task=42`). */
export const TASK_QUERY_PARAM = 'task';
