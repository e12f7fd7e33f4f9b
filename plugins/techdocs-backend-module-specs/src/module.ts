import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DirectoryPreparer,
  UrlPreparer,
  techdocsPreparerExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { SpecAwarePreparer } from './SpecAwarePreparer';
import { LocalSitePrebuilder } from './prebuild/LocalSitePrebuilder';
import { readPrebuildConfig } from './prebuild/readPrebuildConfig';

/**
 * Lets TechDocs render `Spec` entities: their Spec Kit folder becomes a
 * documentation site with the spec, plan, tasks and research in order. Sites
 * read from local sources are built ahead of their first visit so that
 * TechDocs search finds them.
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
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({
        preparers,
        config,
        urlReader,
        logger,
        scheduler,
        lifecycle,
        auth,
        discovery,
        catalog,
      }) {
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

        const prebuild = readPrebuildConfig(config);
        if (prebuild.enabled) {
          const prebuilder = new LocalSitePrebuilder({
            catalog,
            auth,
            discovery,
            logger,
          });
          // Scheduled once the backend has started: the catalog that lists
          // the entities is not serving before then.
          lifecycle.addStartupHook(async () => {
            await scheduler.scheduleTask({
              id: 'catalyst-techdocs-prebuild',
              ...prebuild.schedule,
              fn: async () => {
                await prebuilder.run();
              },
            });
          });
        }
      },
    });
  },
});
