import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DirectoryPreparer,
  UrlPreparer,
  techdocsPreparerExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { SpecAwarePreparer } from './SpecAwarePreparer';

/**
 * Lets TechDocs render `Spec` entities: their Spec Kit folder becomes a
 * documentation site with the spec, plan, tasks and research in order.
 *
 * @public
 */
export const techdocsModuleSpecs = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'specs',
  register(env) {
    env.registerInit({
      deps: {
        preparers: techdocsPreparerExtensionPoint,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async init({ preparers, config, urlReader, logger }) {
        preparers.registerPreparer(
          'dir',
          new SpecAwarePreparer(
            DirectoryPreparer.fromConfig(config, { reader: urlReader, logger }),
            logger,
          ),
        );
        preparers.registerPreparer(
          'url',
          new SpecAwarePreparer(
            UrlPreparer.fromConfig({ reader: urlReader, logger }),
            logger,
          ),
        );
      },
    });
  },
});
