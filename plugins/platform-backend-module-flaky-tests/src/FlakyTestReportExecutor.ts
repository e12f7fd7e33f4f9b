import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubIssueReporter,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { taskRepositoryUrl } from '@catalyst/plugin-platform-node';

interface FlakyEvidence {
  source: string;
  ranAt: string;
  outcome: 'passed' | 'failed';
}

/** The issue body: which runs of one commit disagreed, and the last failure. */
export function flakyTestReport(task: PlatformTask): string {
  const payload = task.payload as {
    commit?: string;
    passes?: number;
    failures?: number;
    lastFailureMessage?: string;
    evidence?: FlakyEvidence[];
  };
  const evidence = payload.evidence ?? [];
  return [
    `\`${task.subject}\` passed ${payload.passes ?? 0} and failed ${
      payload.failures ?? 0
    } times on the same commit \`${
      payload.commit ?? 'unknown'
    }\`: the code did not change, so the test is flaky.`,
    '',
    '| Report | Ran at | Outcome |',
    '| --- | --- | --- |',
    ...evidence.map(
      run => `| \`${run.source}\` | ${run.ranAt} | ${run.outcome} |`,
    ),
    ...(payload.lastFailureMessage
      ? ['', `Last failure: \`${payload.lastFailureMessage}\``]
      : []),
    '',
    'Catalyst closes nothing by itself: the task clears once the test has passed enough times in a row.',
  ].join('\n');
}

/**
 * `flaky_test`: files the evidence of a flaky test as an issue labelled
 * `flaky-test`, or updates the open issue of the same test.
 */
export class FlakyTestReportExecutor implements PlatformTaskExecutor {
  readonly taskType = 'flaky_test';

  constructor(
    private readonly deps: {
      reporter: Pick<GithubIssueReporter, 'fileIssue'>;
    },
  ) {}

  async execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    const body = flakyTestReport(task);
    const summary = `Flaky test: ${task.subject}`;
    if (ctx.phase === 'prepare') {
      return {
        outcome:
          ctx.approvalPolicy === 'dry-run' ? 'done' : 'awaiting_approval',
        summary,
        diff: body,
      };
    }
    const filed = await this.deps.reporter.fileIssue({
      repository: taskRepositoryUrl(task),
      key: `flaky_test:${task.subject}`,
      title: summary,
      body,
      labels: ['flaky-test'],
    });
    return {
      outcome: 'done',
      summary: `${summary} (issue #${filed.issue.number} ${filed.status})`,
    };
  }
}
