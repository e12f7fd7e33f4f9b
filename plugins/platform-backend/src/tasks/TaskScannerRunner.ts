import { LoggerService } from '@backstage/backend-plugin-api';
import type { PlatformTaskScanner } from '@catalyst/plugin-platform-node';
import type { ScanPacer } from './ScanPacer';
import { TaskQueue } from './TaskQueue';

/** The id of a scanner's scheduled job. */
export function scannerJobId(scanner: Pick<PlatformTaskScanner, 'id'>) {
  return `platform-task-scanner:${scanner.id}`;
}

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
      /** Runs the per-item work of scans, paced when the scanner asks for it. */
      pacer: ScanPacer;
      now?: () => Date;
    },
  ) {}

  async run(
    scanner: PlatformTaskScanner,
    signal: AbortSignal = new AbortController().signal,
  ): Promise<TaskScanSummary> {
    const now = this.deps.now?.() ?? new Date();
    const intervalMs = (scanner.pacing?.intervalMinutes ?? 0) * 60_000;
    const inputs = await scanner.scan({
      now,
      signal,
      pace: this.deps.pacer.pacerFor(scannerJobId(scanner), intervalMs, signal),
    });
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
