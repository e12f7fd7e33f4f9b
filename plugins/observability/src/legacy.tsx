import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ObservabilityClient, observabilityApiRef } from './api';
import type { TimeRangeKey } from './components/TimeRangePicker';
import { observabilityRouteRef } from './routes';

/**
 * The Catalyst observability plugin for apps on the legacy frontend system
 * (`@backstage/app-defaults`): the Observability page, the Observability and Logs
 * entity content, and
 * the alerts and golden signals cards, backed by `/api/observability`. Apps on
 * the new frontend system install the plugin from
 * `@catalyst/plugin-observability/alpha`.
 *
 * @public
 */
export const observabilityPlugin = createPlugin({
  id: 'observability',
  apis: [
    createApiFactory({
      api: observabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ObservabilityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: observabilityRouteRef },
});

/**
 * The Observability page: stack health (`/stacks`) and the metric explorer
 * (`/explore`). Mount it at `/observability`.
 *
 * @public
 */
export const ObservabilityPage: () => JSX.Element | null =
  observabilityPlugin.provide(
    createRoutableExtension({
      name: 'ObservabilityPage',
      mountPoint: observabilityRouteRef,
      component: () =>
        import('./components/LegacyObservabilityPage').then(
          m => m.LegacyObservabilityPage,
        ),
    }),
  );

/**
 * The Observability content of a component's entity page: golden signals,
 * alerts, alert rules, incidents and a PromQL explorer. Use it as an
 * `EntityLayout.Route` at `/observability`, behind
 * {@link isObservabilityAvailable}.
 *
 * @public
 */
export const EntityObservabilityContent: () => JSX.Element | null =
  observabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityObservabilityContent',
      component: {
        lazy: () =>
          import('./components/EntityObservabilityContent').then(
            m => m.EntityObservabilityContent,
          ),
      },
    }),
  );

/**
 * The Logs tab of a component's entity page: LogsQL search with field completion, level
 * and time filters, a volume histogram, expandable lines and a live tail, scoped to the
 * component by the backend. Use it as an `EntityLayout.Route` at `/logs`, behind
 * {@link isObservabilityAvailable}: the golden-signal panels and the incident timeline
 * link there (`?range=1h`, or `?from=&to=` in Unix ms).
 *
 * @public
 */
export const EntityLogsContent: (props: {
  /** Initial LogsQL query; the tab reads `?query=` when absent. */
  query?: string;
  /** Initial window ending now; the tab reads `?range=` or `?from=&to=` when absent. */
  range?: TimeRangeKey;
}) => JSX.Element | null = observabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityLogsContent',
    component: {
      lazy: () =>
        import('./components/EntityLogsContent').then(m => m.EntityLogsContent),
    },
  }),
);

/**
 * A card with the component's active and past alerts, for its overview; an
 * alert links to its incident in the Observability content.
 *
 * @public
 */
export const EntityAlertsCard: () => JSX.Element | null =
  observabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityAlertsCard',
      component: {
        lazy: () =>
          import('./components/EntityObservabilityCards').then(
            m => m.EntityAlertsCard,
          ),
      },
    }),
  );

/**
 * A card with the component's golden signals, for its overview.
 *
 * @public
 */
export const EntityGoldenSignalsCard: () => JSX.Element | null =
  observabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityGoldenSignalsCard',
      component: {
        lazy: () =>
          import('./components/EntityObservabilityCards').then(
            m => m.EntityGoldenSignalsCard,
          ),
      },
    }),
  );

/**
 * Whether the entity has observability (components), for `EntitySwitch`.
 *
 * @public
 */
export const isObservabilityAvailable = (entity: Entity): boolean =>
  entity.kind.toLocaleLowerCase('en-US') === 'component';
