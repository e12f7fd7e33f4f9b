import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import BuildIcon from '@material-ui/icons/Build';
import RuleIcon from '@material-ui/icons/PlaylistAddCheck';
import { PlatformClient, platformApiRef } from './api';
import {
  CONVENTIONS_TAB_PATH,
  conventionsRouteRef,
  MAINTENANCE_TAB_PATH,
  platformTasksRouteRef,
  SPECS_TAB_PATH,
  specsRouteRef,
  techdocsDocRouteRef,
} from './routes';

/** @alpha */
export const platformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
});

/** The spec portfolio, `/specs`, with its "Specs" nav item. @alpha */
export const specBrowserPage = PageBlueprint.make({
  name: 'specs',
  params: {
    path: '/specs',
    title: 'Specs',
    icon: <AssignmentIcon fontSize="inherit" />,
    routeRef: specsRouteRef,
    loader: () =>
      import('./components/specs/SpecBrowserPage').then(m => (
        <m.SpecBrowserPage />
      )),
  },
});

/** The Specs tab of components. @alpha */
export const entitySpecsContent = EntityContentBlueprint.make({
  name: 'specs',
  params: {
    path: SPECS_TAB_PATH,
    title: 'Specs',
    group: 'documentation',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/specs/EntitySpecsContent').then(m => (
        <m.EntitySpecsContent />
      )),
  },
});

/** The Agent context tab of components: their generated AGENTS.md. @alpha */
export const entityAgentContextContent = EntityContentBlueprint.make({
  name: 'agent-context',
  params: {
    path: 'agent-context',
    title: 'Agent context',
    group: 'development',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/agentContext/AgentContextViewer').then(m => (
        <m.AgentContextViewer />
      )),
  },
});

/** The platform task queue, `/platform-tasks`, with its "Platform tasks" nav item. @alpha */
export const platformTasksPage = PageBlueprint.make({
  name: 'platform-tasks',
  params: {
    path: '/platform-tasks',
    title: 'Platform tasks',
    icon: <BuildIcon fontSize="inherit" />,
    routeRef: platformTasksRouteRef,
    loader: () =>
      import('./components/tasks/PlatformTaskQueue').then(m => (
        <m.PlatformTaskQueuePage />
      )),
  },
});

/** The conventions compliance overview, `/conventions`, with its "Conventions" nav item. @alpha */
export const conventionsOverviewPage = PageBlueprint.make({
  name: 'conventions',
  params: {
    path: '/conventions',
    title: 'Conventions',
    icon: <RuleIcon fontSize="inherit" />,
    routeRef: conventionsRouteRef,
    loader: () =>
      import('./components/conventions/ConventionsOverviewPage').then(m => (
        <m.ConventionsOverviewPage />
      )),
  },
});

/** The Maintenance tab of components: the platform tasks about them. @alpha */
export const entityMaintenanceContent = EntityContentBlueprint.make({
  name: 'maintenance',
  params: {
    path: MAINTENANCE_TAB_PATH,
    title: 'Maintenance',
    group: 'operation',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/tasks/EntityMaintenanceContent').then(m => (
        <m.EntityMaintenanceContent />
      )),
  },
});

/** The Conventions tab of components: their drift against their convention pack. @alpha */
export const entityConventionsContent = EntityContentBlueprint.make({
  name: 'conventions',
  params: {
    path: CONVENTIONS_TAB_PATH,
    title: 'Conventions',
    group: 'development',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/conventions/EntityConventionsContent').then(m => (
        <m.EntityConventionsContent />
      )),
  },
});

/** The Releases card on the overview of components. @alpha */
export const entityReleasesCard = EntityCardBlueprint.make({
  name: 'releases',
  params: {
    filter: { kind: 'component' },
    type: 'content',
    loader: () =>
      import('./components/releases/EntityReleasesCard').then(m => (
        <m.EntityReleasesCard />
      )),
  },
});

/**
 * The Catalyst platform plugin: the spec portfolio, the platform task queue
 * and the conventions overview pages, the Specs, Agent context,
 * Maintenance and Conventions tabs and the Releases card of components,
 * backed by `/api/platform`,
 * on the new frontend system; the default export of
 * `@catalyst/plugin-platform/alpha`.
 *
 * @alpha
 */
export const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  title: 'Platform',
  icon: <AssignmentIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    specs: specsRouteRef,
    platformTasks: platformTasksRouteRef,
    conventions: conventionsRouteRef,
  },
  externalRoutes: { techdocsDoc: techdocsDocRouteRef },
  extensions: [
    platformApi,
    specBrowserPage,
    entitySpecsContent,
    entityAgentContextContent,
    platformTasksPage,
    conventionsOverviewPage,
    entityMaintenanceContent,
    entityConventionsContent,
    entityReleasesCard,
  ],
});
