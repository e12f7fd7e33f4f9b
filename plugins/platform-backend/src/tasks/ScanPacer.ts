import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  PlatformTaskInput,
  PlatformTaskScanItems,
  PlatformTaskScanPacer,
  scanItemsByKey,
} from '@catalyst/plugin-platform-node';
import { Knex } from 'knex';
import { planScanCycle } from './scanCycle';
import { ScanCycleStore } from './ScanCycleStore';

/** `platform.scanPacing`, with defaults applied. */
export interface ScanPacingConfig {
  /** Whether paced scans spread their items over their interval (else all at once). */
  enabled: boolean;
  /** How often a paced scan's job runs to take the items that are due. */
  tickSeconds: number;
}

/**
 * Spreads the per-repository work of scheduled scans over their interval
 * (see {@link planScanCycle}). The cycle and the items' memory are stored in
 * the database, so a restart or another replica carries on where the last
 * run stopped; the scheduler's lock on the job keeps two runs of one scan
 * apart. An item whose scan throws is logged and passed over, so one broken
 * repository never holds its cycle up.
 */
export class ScanPacer {
  private readonly store: ScanCycleStore;

  constructor(
    private readonly options: {
      db: Knex;
      logger: LoggerService;
      config: ScanPacingConfig;
      now?: () => number;
    },
  ) {
    this.store = new ScanCycleStore(options.db);
  }

  /** The job's frequency for a scan paced over `intervalMs`: a tick, never longer than the interval. */
  tickMs(intervalMs: number): number {
    return Math.min(this.options.config.tickSeconds * 1000, intervalMs);
  }

  /**
   * The pacer of one run of the job `jobId`; `intervalMs` 0 (or pacing
   * switched off) takes every item at once.
   */
  pacerFor(
    jobId: string,
    intervalMs: number,
    signal: AbortSignal,
  ): PlatformTaskScanPacer {
    return work => this.run(jobId, intervalMs, signal, work);
  }

  async run<T>(
    jobId: string,
    intervalMs: number,
    signal: AbortSignal,
    work: PlatformTaskScanItems<T>,
  ): Promise<PlatformTaskInput[]> {
    const now = this.options.now?.() ?? Date.now();
    const byKey = scanItemsByKey(work);
    const keys = [...byKey.keys()];
    const paced = this.options.config.enabled ? intervalMs : 0;
    const plan = planScanCycle({
      cycle: await this.store.getCycle(jobId),
      keys,
      now,
      intervalMs: paced,
      tickMs: this.tickMs(paced),
    });
    if (plan.started) await this.store.keepOnly(jobId, keys);
    const cycle = { ...plan.cycle };
    const previous = await this.store.getMemories(jobId, plan.due);
    const changed = new Map<string, Record<string, unknown> | undefined>();
    const inputs: PlatformTaskInput[] = [];
    try {
      for (const key of plan.due) {
        if (signal.aborted) break;
        const full =
          work.maxTasksPerCycle !== undefined &&
          cycle.found >= work.maxTasksPerCycle;
        if (!full) {
          try {
            const input = await work.scan(byKey.get(key)!, {
              previous: previous.get(key),
              keep: value => {
                // An unchanged memory is not written again.
                if (
                  JSON.stringify(value) !== JSON.stringify(previous.get(key))
                ) {
                  changed.set(key, value);
                }
              },
            });
            if (input) {
              inputs.push(input);
              cycle.found += 1;
            }
          } catch (error) {
            this.options.logger.warn(
              `${jobId} could not scan ${key}: ${error}`,
            );
          }
        }
        cycle.cursor = key;
        cycle.done += 1;
      }
    } finally {
      // Saved on abort too: the next run carries on after the last item scanned.
      await this.store.saveMemories(jobId, changed, now);
      await this.store.saveCycle(jobId, cycle);
    }
    return inputs;
  }
}
