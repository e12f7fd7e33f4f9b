import { LoggerService } from '@backstage/backend-plugin-api';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubPullRequestMerger,
  PullRequestMergeMethod,
  PullRequestMergeOutcome,
} from '@catalyst/plugin-platform-node';
import {
  BreakerPolicy,
  GITHUB_BREAKER,
  TaskBreakerStore,
} from './TaskBreakerStore';
import { TaskMergeStore } from './TaskMergeStore';
import type { TaskStore } from './TaskStore';
import { classifyTaskError } from './taskRetryPolicy';
import { taskRepositoryUrl } from '@catalyst/plugin-platform-node';

/** `platform.tasks.autoMerge`, with defaults applied. */
export interface AutoMergeOptions {
  intervalMinutes: number;
  mergeMethod: PullRequestMergeMethod;
  /** Whether a pull request without any check run waits rather than merges. */
  requireChecks: boolean;
  /** Pull requests looked at per run. */
  batchSize: number;
}

/**
 * The "auto-merge when checks pass" half of the `auto-merge` approval
 * policy: looks at the pull requests that auto-merge tasks opened and merges
 * each one once every check on its head passed, and only while that head is
 * the commit the task pushed (`result.linkedPr.headSha`): a push by anyone
 * else stops the merge and leaves the pull request to a person. A failed check is handed to
 * `onChecksFailed` (the `ci_repair` task type, when a module adds it), else it and a refused
 * merge leave the pull request open for a person and say why on the task.
 * Respects the GitHub breaker: while it is open nothing is looked at, and a
 * rate limit or refused credentials open it.
 */
export class AutoMergeRunner {
  constructor(
    private readonly deps: {
      merges: TaskMergeStore;
      breakers: TaskBreakerStore;
      merger: Pick<GithubPullRequestMerger, 'mergeIfChecksPass'>;
      logger: LoggerService;
      options: AutoMergeOptions;
      breakerPolicy: BreakerPolicy;
      /**
       * Hands a pull request whose checks failed on the head Catalyst pushed
       * to a repair (queues a `ci_repair` task); returns what it did, for the
       * task's merge detail.
       */
      onChecksFailed?: (
        task: PlatformTask,
        outcome: PullRequestMergeOutcome & { headSha: string },
      ) => Promise<string>;
      now?: () => Date;
    },
  ) {}

  /**
   * One scheduled run; returns how many pull requests were merged. An
   * aborted run (the scheduler's timeout, shutdown) stops between pull
   * requests, so runs never overlap.
   */
  async run(signal?: AbortSignal): Promise<number> {
    const { merges, breakers, merger, logger, options } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const [github] = await breakers.get([GITHUB_BREAKER]);
    if (
      github?.state === 'open' &&
      github.openUntil &&
      new Date(github.openUntil) > now
    ) {
      logger.info(
        `Auto-merge waits: the GitHub breaker is open until ${github.openUntil}`,
      );
      return 0;
    }

    let merged = 0;
    for (const task of await merges.listWaiting(options.batchSize)) {
      if (signal?.aborted) break;
      const expectedHeadSha = task.result?.linkedPr?.headSha;
      if (!expectedHeadSha) {
        // Without the commit it pushed, Catalyst cannot tell its own
        // change from someone else's push: a person decides.
        await merges.record(
          task.id,
          {
            state: 'not_mergeable',
            detail:
              'Catalyst did not record the commit it pushed, so it merges nothing; left for a person to review',
          },
          now,
        );
        continue;
      }
      try {
        let outcome = await merger.mergeIfChecksPass({
          repository: taskRepositoryUrl(task),
          number: task.linkedPrNumber!,
          expectedHeadSha,
          mergeMethod: options.mergeMethod,
          requireChecks: options.requireChecks,
        });
        if (
          outcome.state === 'checks_failed' &&
          outcome.headSha &&
          this.deps.onChecksFailed
        ) {
          const handedOver = await this.deps.onChecksFailed(task, {
            ...outcome,
            headSha: outcome.headSha,
          });
          outcome = { ...outcome, detail: `${outcome.detail}; ${handedOver}` };
        }
        await merges.record(task.id, outcome, now);
        if (outcome.state === 'merged') merged += 1;
        if (outcome.state !== 'waiting') {
          logger.info(
            `Task ${task.id}: pull request #${task.linkedPrNumber} of ${task.repository} is ${outcome.state} (${outcome.detail})`,
          );
        }
      } catch (error) {
        const classified = classifyTaskError(error);
        logger.warn(
          `Auto-merge of task ${task.id} (pull request #${task.linkedPrNumber} of ${task.repository}) failed: ${classified.message}`,
        );
        if (classified.pausesGithub) {
          await breakers.recordFailure(GITHUB_BREAKER, {
            now,
            policy: this.deps.breakerPolicy,
            error: classified.message,
            trip: true,
            openUntil: classified.resetAt,
          });
          break;
        }
        // A 4xx (the pull request or repository is gone) ends the wait;
        // anything else is tried again on the next run.
        await merges.record(
          task.id,
          classified.errorClass === 'not_retryable'
            ? { state: 'closed', detail: classified.message }
            : {
                state: 'waiting',
                detail: `Could not check: ${classified.message}`,
              },
          now,
        );
      }
    }
    return merged;
  }
}

/**
 * The hand-over of a failed chore pull request to `ci_repair`: one task per
 * failed head (subject `pr-<number>-<sha>`), under the parent task's own
 * approval policy, with the queue's budgets and per-repository breaker.
 */
export function queueCiRepair(
  store: Pick<TaskStore, 'enqueue'>,
): NonNullable<
  ConstructorParameters<typeof AutoMergeRunner>[0]['onChecksFailed']
> {
  return async (task, outcome) => {
    const number = task.linkedPrNumber!;
    const { task: repair, created } = await store.enqueue(
      {
        entityRef: task.entityRef,
        taskType: 'ci_repair',
        title: `Repair the failed checks of pull request #${number} (${task.title})`,
        description: outcome.detail,
        repository: task.repository,
        subject: `pr-${number}-${outcome.headSha.slice(0, 12)}`,
        approvalPolicy: task.approvalPolicy,
        maxRetries: 2,
        payload: {
          repositoryUrl: taskRepositoryUrl(task),
          pullNumber: number,
          headSha: outcome.headSha,
          parentTaskId: task.id,
        },
      },
      new Date(),
    );
    return `ci_repair task ${repair.id} ${
      created ? 'queued' : 'was already queued'
    }`;
  };
}
