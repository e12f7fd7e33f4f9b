// Route refs of `@backstage/core-plugin-api` serve both frontend systems.
import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/**
 * The spec portfolio page, `/specs`.
 *
 * @public
 */
export const specsRouteRef = createRouteRef({ id: 'platform:specs' });

/**
 * A TechDocs page; bound to TechDocs' reader (`/docs/:namespace/:kind/:name`)
 * by default, which renders a Spec entity's folder.
 *
 * @public
 */
export const techdocsDocRouteRef = createExternalRouteRef({
  id: 'platform:techdocs-doc',
  params: ['namespace', 'kind', 'name'],
  optional: true,
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
export const platformTasksRouteRef = createRouteRef({
  id: 'platform:platform-tasks',
});

/**
 * The conventions compliance overview page, `/conventions`.
 *
 * @public
 */
export const conventionsRouteRef = createRouteRef({
  id: 'platform:conventions',
});

/** Path of the Maintenance tab (the component's platform tasks). */
export const MAINTENANCE_TAB_PATH = 'platform-tasks';

/** Path of the Conventions tab below a component's entity page. */
export const CONVENTIONS_TAB_PATH = 'conventions';

/** Query parameter of the task queue that opens one task (`?task=42`). */
export const TASK_QUERY_PARAM = 'task';
