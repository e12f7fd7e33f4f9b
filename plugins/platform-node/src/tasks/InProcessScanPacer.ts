import type {
  PlatformTaskInput,
  PlatformTaskScanItems,
  PlatformTaskScanPacer,
} from './scannerTypes';

/**
 * The pacer of a scan called without the platform (a test, a script): every
 * item at once, in key order, with the items' memory kept in this process.
 * Scanners use it when `ctx.pace` is absent.
 *
 * @public
 */
export class InProcessScanPacer {
  private readonly memory = new Map<string, Record<string, unknown>>();

  /** Scans every item now, in key order; stops at `maxTasksPerCycle` tasks. */
  readonly pace: PlatformTaskScanPacer = async <T>(
    work: PlatformTaskScanItems<T>,
  ): Promise<PlatformTaskInput[]> => {
    const inputs: PlatformTaskInput[] = [];
    const byKey = new Map<string, T>();
    for (const item of work.items) {
      const key = work.key(item);
      if (!byKey.has(key)) byKey.set(key, item);
    }
    // Code-unit order, as the platform's pacer takes them.
    const keyed = [...byKey.keys()]
      .sort()
      .map(key => ({ key, item: byKey.get(key)! }));
    for (const { item, key } of keyed) {
      if (
        work.maxTasksPerCycle !== undefined &&
        inputs.length >= work.maxTasksPerCycle
      ) {
        break;
      }
      const input = await work.scan(item, {
        previous: this.memory.get(key),
        keep: value => {
          if (value) this.memory.set(key, value);
          else this.memory.delete(key);
        },
      });
      if (input) inputs.push(input);
    }
    return inputs;
  };
}
