import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { readReleaseModuleConfig } from './readReleaseModuleConfig';
import { ReleaseCheckouts } from './ReleaseCheckouts';
import { ReleaseExecutor } from './ReleaseExecutor';
import { componentRepositories, ReleaseScanner } from './ReleaseScanner';
import { ReleaseTagger } from './ReleaseTagger';

/**
 * The release agent: the `release` task type (executor and scanner) and the
 * job that tags merged release pull requests and publishes their GitHub
 * releases.
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
        catalog: catalogServiceRef,
        github: platformGithubServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
        scanners: platformTaskScannersExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        catalog,
        github,
        executors,
        scanners,
      }) {
        const options = readReleaseModuleConfig(config);
        // The platform's one GitHub service: its credentials provider fetches and caches App tokens once.
        const { integrations, credentialsProvider, publisher } = github;
        const githubBaseUrl = `https://${
          integrations.github.list()[0]?.config.host ?? 'github.com'
        }`;
        const checkouts = new ReleaseCheckouts({
          integrations,
          credentialsProvider,
          workingDirectory: options.workingDirectory,
        });
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
              checkouts,
              optIn: options.optIn,
              logger,
              githubBaseUrl,
            },
          ),
        );
        // Platform-backend's webhook intake has no extension point, so merged
        // release pull requests are found by polling: idempotent, and a missed
        // webhook delays a release instead of losing it.
        const tagger = new ReleaseTagger({ integrations, credentialsProvider });
        await scheduler.scheduleTask({
          id: 'platform-release-tagger',
          frequency: { minutes: options.tagFrequencyMinutes },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            for (const slug of (
              await componentRepositories(catalog, auth)
            ).keys()) {
              try {
                for (const release of await tagger.publishMerged(
                  `${githubBaseUrl}/${slug}`,
                )) {
                  logger.info(
                    `Released ${release.repository} ${release.tag} (#${release.pullRequest})`,
                  );
                }
              } catch (error) {
                logger.warn(
                  `Could not publish the releases of ${slug}: ${error}`,
                );
              }
            }
          },
        });
      },
    });
  },
});
