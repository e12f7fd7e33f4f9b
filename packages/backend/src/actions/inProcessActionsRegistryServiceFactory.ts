import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  ActionsRegistryService,
  actionsRegistryServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { localActionsServiceRef } from './LocalActions';

const backstageDeps = {
  metadata: coreServices.pluginMetadata,
  httpRouter: coreServices.httpRouter,
  httpAuth: coreServices.httpAuth,
  logger: coreServices.logger,
  auth: coreServices.auth,
  config: coreServices.rootConfig,
  permissions: coreServices.permissions,
  permissionsRegistry: coreServices.permissionsRegistry,
};

type BackstageDeps = {
  [K in keyof typeof backstageDeps]: (typeof backstageDeps)[K]['T'];
};

/**
 * Backstage's own registry for one plugin, routes included. Its class is
 * private to `@backstage/backend-defaults`; its service factory carries the
 * function that builds it (`factory`, the field the backend itself calls).
 */
async function createBackstageRegistry(
  deps: BackstageDeps,
): Promise<ActionsRegistryService> {
  const { factory } = actionsRegistryServiceFactory as unknown as {
    factory?: (
      deps: BackstageDeps,
      context: undefined,
    ) => Promise<ActionsRegistryService>;
  };
  if (typeof factory !== 'function') {
    throw new Error(
      "Backstage's actionsRegistryServiceFactory no longer exposes its factory; in-process action invocation needs updating",
    );
  }
  return factory(deps, undefined);
}

/**
 * Backstage's actions registry (the same registration, the same
 * `/.backstage/actions/...` routes for other backends), which also records
 * each plugin's actions in this backend's `LocalActions` so the caching
 * actions service invokes them in process, with the route's checks, instead
 * of over HTTP. Replaces `actionsRegistryServiceFactory` of
 * `@backstage/backend-defaults/alpha`.
 */
export const inProcessActionsRegistryServiceFactory = createServiceFactory({
  service: actionsRegistryServiceRef,
  deps: { ...backstageDeps, localActions: localActionsServiceRef },
  async factory({ localActions, ...deps }) {
    const registry = await createBackstageRegistry(deps);
    const local = localActions.addPlugin({
      pluginId: deps.metadata.getId(),
      auth: deps.auth,
      logger: deps.logger,
      permissions: deps.permissions,
      config: deps.config,
    });
    return {
      register(options) {
        // Backstage's first: it refuses a duplicate name and registers the
        // visibility permission.
        registry.register(options);
        local.record(options);
      },
    };
  },
});
