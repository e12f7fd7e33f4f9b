import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import {
  BreakerPolicy,
  GITHUB_BREAKER,
  TaskBreakerStore,
} from './TaskBreakerStore';
import { ClaimedTask, TaskStore } from './TaskStore';
import { BackoffPolicy, decideRetry } from './taskRetryPolicy';

/** How a worker claims, holds and retries tasks. */
export interface TaskWorkerOptions {
  /** Tasks claimed per tick. */
  batchSize: number;
  leaseMs: number;
  backoff: BackoffPolicy;
  breaker: BreakerPolicy;
}

/**
 * Claims due tasks, runs them with their executor while renewing the lease,
 * and records the outcome: done, nothing to do, waiting for approval, or a
 * classified failure that feeds the circuit breakers.
 */
export class TaskWorker {
  private readonly executors = new Map<string, PlatformTaskExecutor>();

  constructor(
    private readonly deps: {
      store: TaskStore;
      breakers: TaskBreakerStore;
      logger: LoggerService;
      workerId: string;
      options: TaskWorkerOptions;
      now?: () => Date;
      random?: () => number;
    },
  ) {}

  addExecutor(executor: PlatformTaskExecutor): void {
    if (this.executors.has(executor.taskType)) {
      throw new Error(
        `A platform task executor for ${executor.taskType} is already registered`,
      );
    }
    this.executors.set(executor.taskType, executor);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * One scheduler tick: claims up to a batch and runs it to the end. When
   * `signal` aborts (the scheduler's timeout, or shutdown) the running
   * executors are aborted too, so that the next tick never overlaps this one.
   */
  async tick(
    signal: AbortSignal = new AbortController().signal,
  ): Promise<number> {
    const { store, workerId, options } = this.deps;
    if (signal.aborted) return 0;
    const claims = await store.claim({
      worker: workerId,
      limit: options.batchSize,
      leaseMs: options.leaseMs,
      now: this.now(),
    });
    await Promise.all(claims.map(claim => this.run(claim, signal)));
    return claims.length;
  }

  private async run(claim: ClaimedTask, tick: AbortSignal): Promise<void> {
    const { store, options, logger } = this.deps;
    const { task } = claim;
    const lease = new AbortController();
    const stop = () =>
      lease.abort(new Error(`The worker's run was aborted: ${tick.reason}`));
    tick.addEventListener('abort', stop, { once: true });
    // A renewal that fails, or finds the lease gone, stops the executor
    // before it publishes anything: the task may be someone else's by then.
    const renewal = setInterval(() => {
      store
        .renewLease(claim, options.leaseMs, this.now())
        .then(held => {
          if (!held) lease.abort(new Error('lease lost'));
        })
        .catch(error => {
          logger.warn(`Could not renew the lease of task ${task.id}`, error);
          lease.abort(
            new Error(`The lease could not be renewed: ${error?.message}`),
          );
        });
    }, Math.max(1000, options.leaseMs / 3));
    try {
      const executor = this.executors.get(task.taskType);
      if (!executor) {
        await store.fail(
          claim,
          {
            errorClass: 'not_retryable',
            message: `No executor for task type ${task.taskType}`,
          },
          this.now(),
        );
        return;
      }
      const phase =
        task.approvalPolicy === 'auto-merge' || task.approvedAt
          ? 'apply'
          : 'prepare';
      let result: PlatformTaskExecutionResult;
      try {
        result = await executor.execute(task, {
          phase,
          approvalPolicy: task.approvalPolicy,
          attempt: claim.attempt,
          signal: lease.signal,
        });
      } catch (error) {
        await this.recordFailure(claim, error);
        return;
      }
      await this.recordResult(claim, phase, result);
    } finally {
      clearInterval(renewal);
      tick.removeEventListener('abort', stop);
    }
  }

  private async recordResult(
    claim: ClaimedTask,
    phase: 'prepare' | 'apply',
    result: PlatformTaskExecutionResult,
  ) {
    const { store, breakers, logger } = this.deps;
    const now = this.now();
    const waits =
      claim.task.approvalPolicy !== 'dry-run' &&
      (result.outcome === 'awaiting_approval' ||
        (phase === 'prepare' &&
          claim.task.approvalPolicy === 'require-approval' &&
          result.outcome === 'done'));
    const recorded = waits
      ? await store.holdForApproval(claim, result, now)
      : await store.complete(
          claim,
          result.outcome === 'nothing_to_do' ? 'nothing_to_do' : 'done',
          result,
          now,
        );
    if (!recorded) {
      logger.warn(
        `Task ${claim.task.id} finished attempt ${claim.attempt} after losing its lease; its result was dropped`,
      );
      return;
    }
    await breakers.recordSuccess(TaskStore.breakerKeys(claim.task), now);
  }

  private async recordFailure(claim: ClaimedTask, error: unknown) {
    const { store, breakers, options, logger } = this.deps;
    const now = this.now();
    const classified = decideRetry(
      error,
      { attempt: claim.attempt, maxRetries: claim.task.maxRetries },
      { now, backoff: options.backoff, random: this.deps.random },
    );
    const status = await store.fail(
      claim,
      {
        errorClass: classified.errorClass,
        message: classified.message,
        retryAt: classified.retryAt,
      },
      now,
    );
    logger.warn(
      `Task ${claim.task.id} (${claim.task.taskType}) attempt ${claim.attempt} failed (${classified.errorClass}): ${classified.message}`,
    );
    if (!status) return;
    const [repositoryKey] = TaskStore.breakerKeys(claim.task);
    await breakers.recordFailure(repositoryKey, {
      now,
      policy: options.breaker,
      error: classified.message,
    });
    if (classified.pausesGithub && claim.task.repository) {
      await breakers.recordFailure(GITHUB_BREAKER, {
        now,
        policy: options.breaker,
        error: classified.message,
        trip: true,
        openUntil: classified.resetAt,
      });
    }
  }
}
