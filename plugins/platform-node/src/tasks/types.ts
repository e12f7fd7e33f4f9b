import type {
  PlatformTask,
  PlatformTaskApprovalPolicy,
  PlatformTaskResult,
} from '@catalyst/plugin-platform-common';

/**
 * What a task executor is asked to do. `prepare` builds the change without
 * applying it (a dry run, or a change that waits for approval); `apply`
 * carries it out (auto-merge, or after approval).
 *
 * @public
 */
export type PlatformTaskPhase = 'prepare' | 'apply';

/**
 * What an executor gets besides the task.
 *
 * @public
 */
export interface PlatformTaskExecutionContext {
  phase: PlatformTaskPhase;
  /** The approval policy captured when the task was created. */
  approvalPolicy: PlatformTaskApprovalPolicy;
  /** Which attempt this is, from 1; never more than `task.maxRetries`. */
  attempt: number;
  /** Aborted when the worker lost its lease: stop, another worker owns the task now. */
  signal: AbortSignal;
}

/**
 * How an execution ended. `nothing_to_do` completes the task without
 * counting as a failure; `awaiting_approval` says a change was prepared and
 * waits for a person.
 *
 * @public
 */
export interface PlatformTaskExecutionResult extends PlatformTaskResult {
  outcome: 'done' | 'nothing_to_do' | 'awaiting_approval';
}

/**
 * Runs the tasks of one type. Throw to fail an attempt; typed GitHub errors
 * (rate limit, auth, validation) decide whether and when it is retried.
 *
 * @public
 */
export interface PlatformTaskExecutor {
  taskType: string;
  execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult>;
}
