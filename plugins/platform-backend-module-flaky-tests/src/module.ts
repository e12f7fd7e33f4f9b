import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  GithubIssueReporter,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { readFlakyTestConfig } from './config';
import { FlakyTestReportExecutor } from './FlakyTestReportExecutor';
import { FlakyTestScanner } from './scanner/FlakyTestScanner';

/**
 * The `flaky_test` task type of the platform backend: scanners over folders
 * of JUnit reports (`platform.tasks.flakyTests`) and an executor that files
 * one GitHub issue per flaky test.
 *
 * @public
 */
export const platformModuleFlakyTests = createBackendModule({
  pluginId: 'platform',
  moduleId: 'flaky-tests',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        github: platformGithubServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
        scanners: platformTaskScannersExtensionPoint,
      },
      async init({ config, github, executors, scanners }) {
        executors.addExecutor(
          new FlakyTestReportExecutor({
            reporter: new GithubIssueReporter(github),
          }),
        );
        for (const flaky of readFlakyTestConfig(config)) {
          scanners.addScanner(
            new FlakyTestScanner(
              `flaky-tests:${flaky.id}`,
              {
                frequency: { minutes: flaky.frequencyMinutes },
                timeout: { minutes: 10 },
                initialDelay: { minutes: 1 },
              },
              flaky,
            ),
          );
        }
      },
    });
  },
});
