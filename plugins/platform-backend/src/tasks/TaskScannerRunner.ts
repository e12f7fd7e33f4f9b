import { LoggerService } from '@backstage/backend-plugin-api';
import type { PlatformTaskScanner } from '@catalyst/plugin-platform-node';
import { TaskQueue } from './TaskQueue';

/** What one scanner run found and how much of it was new. */
export interface TaskScanSummary {
  found: number;
  created: number;
}

/**
 * Runs a scanner and queues what it found. The queue's dedupe key
 * (repository, type, subject) keeps a finding that is already queued from
 * becoming a second task.
 */
export class TaskScannerRunner {
  constructor(
    private readonly deps: {
      queue: TaskQueue;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async run(
    scanner: PlatformTaskScanner,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<TaskScanSummary> {
    const now = this.deps.now?.() ?? new Date();
    const inputs = await scanner.scan({ now, signal });
    let created = 0;
    for (const input of inputs) {
      if (signal.aborted) break;
      const result = await this.deps.queue.enqueue(
        { ...input, taskType: scanner.taskType },
        now,
      );
      if (result.created) created += 1;
    }
    this.deps.logger.info(
      `Platform task scanner ${scanner.id} found ${inputs.length} ${scanner.taskType} tasks, ${created} new`,
    );
    return { found: inputs.length, created };
  }
}
