import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type {
  PlatformTaskInput,
  PlatformTaskScanContext,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import { detectFlakyTests, FlakyTestPolicy } from './detectFlakyTests';
import { readTestRuns } from './readTestRuns';

/**
 * `flaky_test`: reads a component's JUnit XML reports (a folder per commit)
 * and finds a task per test that passed and failed on the same commit within
 * the window; the test is the task's subject, the runs its evidence.
 */
export class FlakyTestScanner implements PlatformTaskScanner {
  readonly taskType = 'flaky_test';

  constructor(
    readonly id: string,
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly options: {
      reportsDir: string;
      entityRef: string;
      /** `owner/name` on GitHub. */
      repository: string;
      /** The repository's URL when it is not on github.com. */
      repositoryUrl?: string;
      policy: FlakyTestPolicy;
    },
  ) {}

  async scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]> {
    const runs = await readTestRuns(this.options.reportsDir);
    return detectFlakyTests(runs, this.options.policy, ctx.now).map(test => ({
      entityRef: this.options.entityRef,
      title: `Flaky test: ${test.testId}`,
      description: `Passed ${test.passes} and failed ${
        test.failures
      } times on commit ${test.commit.slice(0, 12)}.`,
      repository: this.options.repository,
      subject: test.testId,
      payload: {
        ...(this.options.repositoryUrl
          ? { repositoryUrl: this.options.repositoryUrl }
          : {}),
        commit: test.commit,
        passes: test.passes,
        failures: test.failures,
        lastFailureAt: test.lastFailureAt.toISOString(),
        lastFailureMessage: test.lastFailureMessage,
        evidence: test.evidence.map(run => ({
          source: run.source,
          ranAt: run.ranAt.toISOString(),
          outcome: run.outcome,
        })),
      },
    }));
  }
}
