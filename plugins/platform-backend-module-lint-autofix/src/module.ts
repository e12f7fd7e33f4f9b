import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  checkoutServiceRef,
  isolatedToolRunnerServiceRef,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { LintAutofixExecutor } from './LintAutofixExecutor';
import { LintAutofixScanner } from './LintAutofixScanner';
import { readLintAutofixConfig } from './readLintAutofixConfig';

/**
 * The `lint_autofix` task type of the platform backend: a scanner that
 * queues one task per component repository using ESLint or Prettier when
 * its default branch moves (`platform.lintAutofix`), and an executor that
 * runs the repository's own fixes and proposes them as one pull request.
 *
 * @public
 */
export const platformModuleLintAutofix = createBackendModule({
  pluginId: 'platform',
  moduleId: 'lint-autofix',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        github: platformGithubServiceRef,
        checkouts: checkoutServiceRef,
        tools: isolatedToolRunnerServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
        scanners: platformTaskScannersExtensionPoint,
      },
      async init({
        config,
        logger,
        auth,
        catalog,
        github,
        checkouts,
        tools,
        executors,
        scanners,
      }) {
        const scanConfig = readLintAutofixConfig(config);
        executors.addExecutor(
          new LintAutofixExecutor({
            checkouts,
            publisher: github.publisher,
            tools,
          }),
        );
        scanners.addScanner(
          new LintAutofixScanner(
            {
              frequency: { minutes: scanConfig.scanFrequencyMinutes },
              timeout: { minutes: 15 },
              initialDelay: { minutes: 10 },
            },
            {
              catalog,
              auth,
              integrations: github.integrations,
              credentialsProvider: github.credentialsProvider,
              budget: github.budget,
              logger,
              config: scanConfig,
            },
          ),
        );
      },
    });
  },
});
