import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  checkoutServiceRef,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { readReleaseModuleConfig } from './readReleaseModuleConfig';
import { ReleaseExecutor } from './ReleaseExecutor';
import { componentRepositories, ReleaseScanner } from './ReleaseScanner';
import { ReleaseTagger } from './ReleaseTagger';
import { ComponentReleasesService } from './releases/ComponentReleasesService';
import { createReleasesRouter } from './releases/releasesRouter';

/**
 * The release agent: the `release` task type (executor and scanner), the
 * job that tags merged release pull requests and publishes their GitHub
 * releases, and the route of the portal's Releases card.
 *
 * @public
 */
export const platformModuleRelease = createBackendModule({
  pluginId: 'platform',
  moduleId: 'release',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        github: platformGithubServiceRef,
        checkouts: checkoutServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
        scanners: platformTaskScannersExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        httpRouter,
        httpAuth,
        permissions,
        catalog,
        github,
        checkouts,
        executors,
        scanners,
      }) {
        const options = readReleaseModuleConfig(config);
        // The platform's one GitHub service: its credentials provider fetches and caches App tokens once.
        const { integrations, credentialsProvider, publisher, budget } = github;
        executors.addExecutor(
          new ReleaseExecutor({
            checkouts,
            publisher,
            optIn: options.optIn,
          }),
        );
        scanners.addScanner(
          new ReleaseScanner(
            {
              frequency: { minutes: options.scanFrequencyMinutes },
              timeout: { minutes: 30 },
              initialDelay: { minutes: 5 },
            },
            {
              catalog,
              auth,
              integrations,
              checkouts,
              optIn: options.optIn,
              logger,
            },
          ),
        );
        // A module's httpRouter is its plugin's: the card's route is served under /api/platform.
        httpRouter.use(
          createReleasesRouter({
            httpAuth,
            service: new ComponentReleasesService({
              catalog,
              permissions,
              checkouts,
              integrations,
              credentialsProvider,
              budget,
              optIn: options.optIn,
            }),
          }),
        );
        // Platform-backend's webhook intake has no extension point, so merged
        // release pull requests are found by polling: idempotent, and a missed
        // webhook delays a release instead of losing it.
        const tagger = new ReleaseTagger({
          integrations,
          credentialsProvider,
          budget,
        });
        await scheduler.scheduleTask({
          id: 'platform-release-tagger',
          frequency: { minutes: options.tagFrequencyMinutes },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const repositories = await componentRepositories(
              catalog,
              auth,
              integrations,
            );
            for (const { url } of repositories) {
              try {
                for (const release of await tagger.publishMerged(url)) {
                  logger.info(
                    `Released ${release.repository} ${release.tag} (#${release.pullRequest})`,
                  );
                }
              } catch (error) {
                logger.warn(
                  `Could not publish the releases of ${url}: ${error}`,
                );
              }
            }
          },
        });
      },
    });
  },
});
