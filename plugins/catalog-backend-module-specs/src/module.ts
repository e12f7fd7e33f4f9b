import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  readLocalSpecRoots,
  SpecSourceReader,
} from '@catalyst/plugin-platform-node';
import { SpecEntitiesProcessor } from './processor/SpecEntitiesProcessor';

/**
 * Adds the `Spec` kind to the catalog: one entity per Spec Kit folder of every
 * component.
 *
 * @public
 */
export const catalogModuleSpecs = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'specs',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async init({ catalog, config, urlReader, logger }) {
        const integrations = ScmIntegrations.fromConfig(config);
        catalog.addProcessor(
          new SpecEntitiesProcessor({
            reader: new SpecSourceReader(urlReader, integrations, {
              localRoots: readLocalSpecRoots(config),
            }),
            integrations,
            logger,
          }),
        );
      },
    });
  },
});
