import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  checkoutServiceRef,
  isolatedToolRunnerServiceRef,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { LintAutofixExecutor } from './LintAutofixExecutor';

/**
 * The `lint_autofix` task type of the platform backend: runs a repository's
 * own ESLint and Prettier fixes and proposes them as one pull request.
 *
 * @public
 */
export const platformModuleLintAutofix = createBackendModule({
  pluginId: 'platform',
  moduleId: 'lint-autofix',
  register(reg) {
    reg.registerInit({
      deps: {
        github: platformGithubServiceRef,
        checkouts: checkoutServiceRef,
        tools: isolatedToolRunnerServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
      },
      async init({ github, checkouts, tools, executors }) {
        executors.addExecutor(
          new LintAutofixExecutor({
            checkouts,
            publisher: github.publisher,
            tools,
          }),
        );
      },
    });
  },
});
