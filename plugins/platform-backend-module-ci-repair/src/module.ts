import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { refreshLockfile } from '@catalyst/plugin-platform-backend-module-dependency-updates';
import { findKnownFlakyTests } from '@catalyst/plugin-platform-backend-module-flaky-tests';
import {
  checkoutServiceRef,
  isolatedToolRunnerServiceRef,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { CiRepairExecutor } from './CiRepairExecutor';
import { readCiRepairConfig } from './readCiRepairConfig';

/**
 * The `ci_repair` task type of the platform backend: when a check on a
 * Catalyst chore pull request fails, the platform's auto-merge loop queues a
 * task that this executor runs (`platform.ciRepair`).
 *
 * @public
 */
export const platformModuleCiRepair = createBackendModule({
  pluginId: 'platform',
  moduleId: 'ci-repair',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        github: platformGithubServiceRef,
        checkouts: checkoutServiceRef,
        tools: isolatedToolRunnerServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
      },
      async init({ config, github, checkouts, tools, executors }) {
        executors.addExecutor(
          new CiRepairExecutor({
            integrations: github.integrations,
            credentialsProvider: github.credentialsProvider,
            budget: github.budget,
            checkouts,
            tools,
            config: readCiRepairConfig(config),
            flakyTests: repository => findKnownFlakyTests(config, repository),
            refreshLockfile,
          }),
        );
      },
    });
  },
});
