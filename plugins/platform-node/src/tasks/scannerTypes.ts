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
 * What a paced scan keeps about one item between cycles (a head SHA, an
 * ETag): small JSON, stored by the platform so that it survives restarts
 * and is shared by every replica.
 *
 * @public
 */
export interface PlatformTaskScanMemory {
  /** What the last scan of this item kept; undefined at its first scan. */
  readonly previous?: Record<string, unknown>;
  /** Keeps `value` for the next scan of this item; undefined forgets it. */
  keep(value: Record<string, unknown> | undefined): void;
}

/**
 * The per-item work of one scan: the platform decides which items are due
 * now and runs `scan` on each in key order.
 *
 * @public
 */
export interface PlatformTaskScanItems<T> {
  /** Every item of the cycle (repositories, components). */
  items: readonly T[];
  /** A stable key per item: the cycle's order, and what its memory is kept under. */
  key(item: T): string;
  /** At most this many tasks per cycle; the cycle's later items wait for the next cycle. */
  maxTasksPerCycle?: number;
  /** Scans one item: a task to queue, or undefined. */
  scan(
    item: T,
    memory: PlatformTaskScanMemory,
  ): Promise<PlatformTaskInput | undefined>;
}

/**
 * Runs the items of a scan that are due: with pacing, the share of the cycle
 * whose time has come (a cycle spreads its items evenly over the scanner's
 * interval); without, every item. Returns the tasks the items gave.
 *
 * @public
 */
export type PlatformTaskScanPacer = <T>(
  work: PlatformTaskScanItems<T>,
) => Promise<PlatformTaskInput[]>;

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
  /**
   * The platform's pacer (see {@link PlatformTaskScanner.pacing}); absent
   * when a scan is called directly, then an {@link InProcessScanPacer} does.
   */
  pace?: PlatformTaskScanPacer;
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
  /**
   * Spreads the scanner's per-repository work over its interval instead of
   * running it all at once: the platform runs the job every tick
   * (`platform.scanPacing.tickSeconds`, with the schedule's initial delay and
   * timeout), and `ctx.pace` takes what is due. One cycle over every item
   * lasts `intervalMinutes`; its progress is stored, so a restart or another
   * replica carries on where the last run stopped.
   */
  pacing?: { intervalMinutes: number };
  scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]>;
}
