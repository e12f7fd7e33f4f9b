import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { ObservabilityClient, observabilityApiRef } from './api';
import {
  metricExplorerRouteRef,
  LOGS_TAB_PATH,
  OBSERVABILITY_TAB_PATH,
  observabilityRouteRef,
  stackHealthRouteRef,
} from './routes';

/** @alpha */
export const observabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: observabilityApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new ObservabilityClient({ discoveryApi, fetchApi }),
    }),
});

/** The observability page, `/observability`, with its nav item; its tabs are sub-pages. @alpha */
export const observabilityPage = PageBlueprint.make({
  params: {
    path: '/observability',
    title: 'Observability',
    icon: <TimelineIcon fontSize="inherit" />,
    routeRef: observabilityRouteRef,
  },
});

/** `/observability/stacks`: ObservabilityStacks and instance health. @alpha */
export const stackHealthSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:observability', input: 'pages' },
  name: 'stacks',
  params: {
    path: 'stacks',
    title: 'Stack health',
    routeRef: stackHealthRouteRef,
    loader: () =>
      import('./components/ObservabilityPage').then(m => <m.StackHealthPage />),
  },
});

/** `/observability/explore`: PromQL for any entity, scoped by the backend. @alpha */
export const metricExplorerSubPage = SubPageBlueprint.make({
  attachTo: { id: 'page:observability', input: 'pages' },
  name: 'explore',
  params: {
    path: 'explore',
    title: 'Metric explorer',
    routeRef: metricExplorerRouteRef,
    loader: () =>
      import('./components/ObservabilityPage').then(m => (
        <m.MetricExplorerPage />
      )),
  },
});

/** The Observability tab of components. @alpha */
export const entityObservabilityContent = EntityContentBlueprint.make({
  name: 'observability',
  params: {
    path: OBSERVABILITY_TAB_PATH,
    title: 'Observability',
    group: 'observability',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityObservabilityContent').then(m => (
        <m.EntityObservabilityContent />
      )),
  },
});

/** The Logs tab of components: LogsQL search, volume, fields and live tail. @alpha */
export const entityLogsContent = EntityContentBlueprint.make({
  name: 'logs',
  params: {
    path: LOGS_TAB_PATH,
    title: 'Logs',
    group: 'observability',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityLogsContent').then(m => (
        <m.EntityLogsContent />
      )),
  },
});

/**
 * The Catalyst observability plugin: golden signals, alerts, incidents and a PromQL
 * explorer per component, and the health of the observability stacks, backed by
 * `/api/observability`, on the new frontend system; the default export of
 * `@catalyst/plugin-observability/alpha`.
 *
 * @alpha
 */
export const observabilityPlugin = createFrontendPlugin({
  pluginId: 'observability',
  title: 'Observability',
  icon: <TimelineIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: observabilityRouteRef,
    stacks: stackHealthRouteRef,
    explore: metricExplorerRouteRef,
  },
  extensions: [
    observabilityApi,
    observabilityPage,
    stackHealthSubPage,
    metricExplorerSubPage,
    entityObservabilityContent,
    entityLogsContent,
  ],
});
