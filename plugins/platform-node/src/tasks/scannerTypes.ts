import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

/**
 * A task a scanner found. The scanner's task type is added when it is
 * queued; tasks with the same repository, type and subject are one task
 * while open, so scanning twice never queues twice.
 *
 * @public
 */
export interface PlatformTaskInput {
  /** Entity ref of the component the task is about. */
  entityRef: string;
  title: string;
  description?: string;
  priority?: number;
  /** `owner/name` of the GitHub repository the task changes. */
  repository?: string;
  /** What in the repository the task is about (a dependency, a test). */
  subject?: string;
  payload?: Record<string, unknown>;
  maxRetries?: number;
}

/**
 * What a scanner gets on every run.
 *
 * @public
 */
export interface PlatformTaskScanContext {
  /** When the run started. */
  now: Date;
  /** Aborted when the scheduler gives up on the run (timeout, shutdown). */
  signal: AbortSignal;
}

/**
 * Finds work of one task type on a schedule: the platform backend queues
 * every task it returns. Returning nothing queues nothing.
 *
 * @public
 */
export interface PlatformTaskScanner {
  /** Unique among scanners; names the scheduled job (`platform-task-scanner:<id>`). */
  id: string;
  taskType: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]>;
}
