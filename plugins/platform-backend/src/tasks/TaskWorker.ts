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
import { ClaimedTask, TaskCompletion, TaskStore } from './TaskStore';
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
  /** Completions waiting for the next batched write. */
  private completions: {
    completion: TaskCompletion;
    settle: (completed: boolean | Error) => void;
  }[] = [];
  private flushing = false;
  /** The running drain, and whether a wake-up came in while it ran. */
  private draining?: Promise<number>;
  private wokenWhileDraining = false;

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

  /**
   * Runs batches back to back while they come back full, so that a backlog is
   * worked off without waiting for the next tick; stops claiming new batches
   * once `budgetMs` has passed (the batch under way runs to its end). A
   * {@link TaskWorker.wake} during a drain makes it look once more instead of
   * starting a second one. Returns the number of tasks claimed.
   */
  async drain(
    signal: AbortSignal = new AbortController().signal,
    budgetMs: number = this.deps.options.leaseMs,
  ): Promise<number> {
    if (this.draining) {
      this.wokenWhileDraining = true;
      return 0;
    }
    const started = Date.now();
    const drain = async () => {
      let total = 0;
      for (;;) {
        this.wokenWhileDraining = false;
        const claimed = await this.tick(signal);
        total += claimed;
        if (signal.aborted || Date.now() - started >= budgetMs) return total;
        if (claimed < this.deps.options.batchSize && !this.wokenWhileDraining) {
          return total;
        }
      }
    };
    this.draining = drain();
    try {
      return await this.draining;
    } finally {
      this.draining = undefined;
    }
  }

  /**
   * Something became runnable (a notification from the database): drain now
   * rather than at the next tick.
   */
  wake(signal?: AbortSignal): void {
    this.drain(signal).catch(error =>
      this.deps.logger.warn('Platform task worker failed to drain', error),
    );
  }

  /**
   * Completes a finished task together with the others that finish while a
   * batch is being written (group commit): one statement per batch closes the
   * tasks, their attempts and the breakers their success closes, instead of
   * two statements per task.
   */
  private completeBatched(completion: TaskCompletion): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.completions.push({
        completion,
        settle: outcome =>
          outcome instanceof Error ? reject(outcome) : resolve(outcome),
      });
      if (!this.flushing) {
        this.flushing = true;
        // The tasks of a batch that finish in the same turn join it.
        setImmediate(() => void this.flushCompletions());
      }
    });
  }

  private async flushCompletions(): Promise<void> {
    const { store } = this.deps;
    while (this.completions.length > 0) {
      const batch = this.completions.splice(0);
      const now = this.now();
      try {
        const completed = await store.completeMany(
          batch.map(b => b.completion),
          now,
          { closeBreakers: true },
        );
        batch.forEach((b, i) => b.settle(completed[i]));
      } catch (error) {
        const failure =
          error instanceof Error ? error : new Error(String(error));
        batch.forEach(b => b.settle(failure));
      }
    }
    this.flushing = false;
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
    // A completion closes the task's breakers with its batch.
    const recorded = waits
      ? await store.holdForApproval(claim, result, now)
      : await this.completeBatched({
          claim,
          outcome:
            result.outcome === 'nothing_to_do' ? 'nothing_to_do' : 'done',
          result,
        });
    if (!recorded) {
      logger.warn(
        `Task ${claim.task.id} finished attempt ${claim.attempt} after losing its lease; its result was dropped`,
      );
      return;
    }
    if (waits) {
      await breakers.recordSuccess(TaskStore.breakerKeys(claim.task), now);
    }
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
