import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  githubBudgetServiceRef,
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
        budget: githubBudgetServiceRef,
      },
      async init({ catalog, config, urlReader, logger, budget }) {
        const integrations = ScmIntegrations.fromConfig(config);
        catalog.addProcessor(
          new SpecEntitiesProcessor({
            reader: new SpecSourceReader(urlReader, integrations, {
              localRoots: readLocalSpecRoots(config),
              budget,
              feature: 'catalog',
            }),
            integrations,
            logger,
          }),
        );
      },
    });
  },
});
