import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PlatformClient, platformApiRef } from './api';
import { LegacyPage } from './components/shared/LegacyPage';
import {
  conventionsRouteRef,
  platformTasksRouteRef,
  specsRouteRef,
  techdocsDocRouteRef,
} from './routes';

/**
 * The Catalyst platform plugin for apps on the legacy frontend system
 * (`@backstage/app-defaults`): the spec portfolio, platform task queue and
 * conventions overview pages, the Specs, Agent context, Maintenance and
 * Conventions entity contents and the Releases card, backed by `/api/platform`. Apps on the new
 * frontend system install the plugin from `@catalyst/plugin-platform/alpha`.
 *
 * @public
 */
export const platformPlugin = createPlugin({
  id: 'platform',
  apis: [
    createApiFactory({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    specs: specsRouteRef,
    platformTasks: platformTasksRouteRef,
    conventions: conventionsRouteRef,
  },
  externalRoutes: { techdocsDoc: techdocsDocRouteRef },
});

/**
 * The spec portfolio page: every spec in the catalog, filtered, sorted and
 * paged by the backend. Mount it at `/specs`.
 *
 * @public
 */
export const SpecsPage = platformPlugin.provide(
  createRoutableExtension({
    name: 'SpecsPage',
    mountPoint: specsRouteRef,
    component: () =>
      import('./components/specs/SpecBrowserPage').then(m => () => (
        <LegacyPage title="Specs" subtitle="Every spec in the catalog">
          <m.SpecBrowserPage />
        </LegacyPage>
      )),
  }),
);

/**
 * The platform task queue page: circuit breakers, filters and every platform
 * task with its attempts. Mount it at `/platform-tasks`.
 *
 * @public
 */
export const PlatformTasksPage = platformPlugin.provide(
  createRoutableExtension({
    name: 'PlatformTasksPage',
    mountPoint: platformTasksRouteRef,
    component: () =>
      import('./components/tasks/PlatformTaskQueue').then(m => () => (
        <LegacyPage
          title="Platform tasks"
          subtitle="Convention fixes, dependency updates and context refreshes"
        >
          <m.PlatformTaskQueuePage />
        </LegacyPage>
      )),
  }),
);

/**
 * The conventions compliance overview page. Mount it at `/conventions`.
 *
 * @public
 */
export const ConventionsPage = platformPlugin.provide(
  createRoutableExtension({
    name: 'ConventionsPage',
    mountPoint: conventionsRouteRef,
    component: () =>
      import('./components/conventions/ConventionsOverviewPage').then(
        m => () =>
          (
            <LegacyPage
              title="Conventions"
              subtitle="How components follow their convention pack"
            >
              <m.ConventionsOverviewPage />
            </LegacyPage>
          ),
      ),
  }),
);

/**
 * The Specs content of a component's entity page: its specs, each with its
 * documents, tasks and pull requests. Use it as an `EntityLayout.Route` at
 * `/specs`, behind {@link isSpecsAvailable}.
 *
 * @public
 */
export const EntitySpecsContent: () => JSX.Element | null =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntitySpecsContent',
      component: {
        lazy: () =>
          import('./components/specs/EntitySpecsContent').then(
            m => m.EntitySpecsContent,
          ),
      },
    }),
  );

/**
 * The Conventions content of a component's entity page: its drift against
 * its convention pack, with fix buttons. Use it at `/conventions`, behind
 * {@link isConventionsAvailable}.
 *
 * @public
 */
export const EntityConventionsContent: () => JSX.Element | null =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityConventionsContent',
      component: {
        lazy: () =>
          import('./components/conventions/EntityConventionsContent').then(
            m => m.EntityConventionsContent,
          ),
      },
    }),
  );

/**
 * The Maintenance content of a component's entity page: the platform tasks
 * about it. Use it at `/platform-tasks`, behind {@link isMaintenanceAvailable}.
 *
 * @public
 */
export const EntityMaintenanceContent: () => JSX.Element | null =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityMaintenanceContent',
      component: {
        lazy: () =>
          import('./components/tasks/EntityMaintenanceContent').then(
            m => m.EntityMaintenanceContent,
          ),
      },
    }),
  );

/**
 * The Agent context content of a component's entity page: its generated
 * AGENTS.md, facts and drift. Use it at `/agent-context`, behind
 * {@link isAgentContextAvailable}.
 *
 * @public
 */
export const EntityAgentContextContent: () => JSX.Element | null =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityAgentContextContent',
      component: {
        lazy: () =>
          import('./components/agentContext/AgentContextViewer').then(
            m => m.AgentContextViewer,
          ),
      },
    }),
  );

const isComponent = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component';

/**
 * Whether the entity has a Specs tab (components), for `EntitySwitch`.
 *
 * @public
 */
export const isSpecsAvailable = (entity: Entity): boolean =>
  isComponent(entity);

/**
 * The Releases card of a component's overview: its next version and why, the
 * unreleased commits grouped as the changelog will show them, the open
 * release pull request and the past releases. Show it behind
 * {@link isReleasesAvailable}.
 *
 * @public
 */
export const EntityReleasesCard: () => JSX.Element | null =
  platformPlugin.provide(
    createComponentExtension({
      name: 'EntityReleasesCard',
      component: {
        lazy: () =>
          import('./components/releases/EntityReleasesCard').then(
            m => m.EntityReleasesCard,
          ),
      },
    }),
  );

/**
 * Whether the entity has a Releases card (components), for `EntitySwitch`.
 *
 * @public
 */
export const isReleasesAvailable = (entity: Entity): boolean =>
  isComponent(entity);

/**
 * Whether the entity has a Conventions tab (components), for `EntitySwitch`.
 *
 * @public
 */
export const isConventionsAvailable = (entity: Entity): boolean =>
  isComponent(entity);

/**
 * Whether the entity has a Maintenance tab (components), for `EntitySwitch`.
 *
 * @public
 */
export const isMaintenanceAvailable = (entity: Entity): boolean =>
  isComponent(entity);

/**
 * Whether the entity has an Agent context tab (components), for `EntitySwitch`.
 *
 * @public
 */
export const isAgentContextAvailable = (entity: Entity): boolean =>
  isComponent(entity);
