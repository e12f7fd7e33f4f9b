import type {
  PlatformTaskInput,
  PlatformTaskScanItems,
  PlatformTaskScanPacer,
} from './scannerTypes';

/**
 * A scan's items by key, in the order every pacer takes them: the first item
 * of each key, keys in code-unit order (the order of the platform pacer's
 * cursor comparisons).
 *
 * @public
 */
export function scanItemsByKey<T>(
  work: Pick<PlatformTaskScanItems<T>, 'items' | 'key'>,
): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of work.items) {
    const key = work.key(item);
    if (!byKey.has(key)) byKey.set(key, item);
  }
  // Array#sort's default comparison: UTF-16 code units, as `<` compares keys.
  const keys = [...byKey.keys()].sort();
  return new Map(keys.map(key => [key, byKey.get(key)!]));
}

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
    for (const [key, item] of scanItemsByKey(work)) {
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
