import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { PlatformClient, platformApiRef } from './api';
import { SPECS_TAB_PATH, specsRouteRef, techdocsDocRouteRef } from './routes';

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
      import('./components/SpecBrowserPage').then(m => <m.SpecBrowserPage />),
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
      import('./components/EntitySpecsContent').then(m => (
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
      import('./components/AgentContextViewer').then(m => (
        <m.AgentContextViewer />
      )),
  },
});

/**
 * The Catalyst platform plugin: the spec portfolio page and the Specs tab of
 * components, backed by `/api/platform`.
 *
 * @public
 */
export const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  title: 'Platform',
  icon: <AssignmentIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { specs: specsRouteRef },
  externalRoutes: { techdocsDoc: techdocsDocRouteRef },
  extensions: [
    platformApi,
    specBrowserPage,
    entitySpecsContent,
    entityAgentContextContent,
  ],
});
