import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ObservabilityScopeProcessor } from './ObservabilityScopeProcessor';

/**
 * Checks observability scope annotations against `observability.scopes` while the
 * catalog processes entities.
 *
 * @public
 */
export const catalogModuleObservability = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'observability',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        const processor = ObservabilityScopeProcessor.fromConfig(config);
        if (!processor) {
          logger.info(
            'observability.scopes is not configured: scope annotations are not checked in the catalog (the observability backend refuses every claim)',
          );
          return;
        }
        catalog.addProcessor(processor);
      },
    });
  },
});
