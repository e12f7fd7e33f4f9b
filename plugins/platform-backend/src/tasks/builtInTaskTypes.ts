import { GithubIssueReporter } from '@catalyst/plugin-platform-node';
import type { PlatformFeatureDeps } from '../features';
import { AgentsMdRefreshExecutor } from '../services/tasks/executors/AgentsMdRefreshExecutor';
import { DependencyUpdateExecutor } from '../services/tasks/executors/DependencyUpdateExecutor';
import { FlakyTestReportExecutor } from '../services/tasks/executors/FlakyTestReportExecutor';
import { LintAutofixExecutor } from '../services/tasks/executors/LintAutofixExecutor';
import { createDependencyUpdateScanners } from '../services/tasks/scanners/dependencyUpdates/createDependencyUpdateScanners';
import { FlakyTestScanner } from '../services/tasks/scanners/flakyTests/FlakyTestScanner';
import { TaskConfig } from './readTaskConfig';

/** The task types still built into the core: lint auto-fix, AGENTS.md refresh, flaky tests, dependency updates. */
export function createBuiltInTaskTypes(
  deps: PlatformFeatureDeps,
  taskConfig: TaskConfig,
) {
  const { checkouts, publisher } = deps;
  return {
    executors: [
      new LintAutofixExecutor({ checkouts, publisher }),
      new AgentsMdRefreshExecutor({ checkouts, publisher }),
      new FlakyTestReportExecutor({
        reporter: new GithubIssueReporter({
          integrations: deps.integrations,
          credentialsProvider: deps.credentialsProvider,
        }),
      }),
      new DependencyUpdateExecutor({
        checkouts,
        publisher,
        npmRegistry: taskConfig.dependencyUpdates.npmRegistry,
        goProxy: taskConfig.dependencyUpdates.goProxy,
        goSumDb: taskConfig.dependencyUpdates.goSumDb,
      }),
    ],
    scanners: [
      ...taskConfig.flakyTests.map(
        flaky =>
          new FlakyTestScanner(
            `flaky-tests:${flaky.id}`,
            {
              frequency: { minutes: flaky.frequencyMinutes },
              timeout: { minutes: 10 },
              initialDelay: { minutes: 1 },
            },
            flaky,
          ),
      ),
      ...createDependencyUpdateScanners(taskConfig.dependencyUpdates, {
        catalog: deps.catalog,
        auth: deps.auth,
        integrations: deps.integrations,
        credentialsProvider: deps.credentialsProvider,
        checkouts,
        logger: deps.logger,
      }),
    ],
  };
}
