/** Where a paced scan is in its current cycle over every item. */
export interface ScanCycle {
  /** When the cycle started, in ms since the epoch. */
  startedAt: number;
  /** The key of the last item scanned in this cycle; undefined before the first. */
  cursor?: string;
  /** Items scanned in this cycle. */
  done: number;
  /** Tasks those items gave. */
  found: number;
}

/** What one run of a paced scan does now. */
export interface ScanCyclePlan {
  /** The cycle the run belongs to: the stored one, or a new one. */
  cycle: ScanCycle;
  /** Whether `cycle` is new (the last one was complete and its interval over). */
  started: boolean;
  /** The keys to scan now, in order. */
  due: string[];
}

/**
 * The items a paced scan runs now. A cycle takes the items in key order
 * after its cursor, item `j` of `n` due at `startedAt + j * spacing`, where
 * the spacing is `interval / n` but never more than one tick: a large
 * catalog spreads evenly over the interval, a small one (fewer items than
 * ticks in the interval) takes one item per tick rather than being drawn out
 * over hours. `n` is counted afresh on every run (items come and go). A run
 * behind schedule (after a restart, a slow item) catches up at no more than
 * twice the pace, so it never bursts.
 * A complete cycle is followed by the next one an interval after it
 * started, or from now when the backend was away for longer than that.
 * With `intervalMs` 0 there is no pacing: every item of the cycle is due.
 *
 * @param keys - every item's key, sorted and unique
 */
export function planScanCycle(options: {
  cycle: ScanCycle | undefined;
  keys: readonly string[];
  now: number;
  intervalMs: number;
  tickMs: number;
}): ScanCyclePlan {
  const { keys, now, intervalMs, tickMs } = options;
  const fresh = (startedAt: number): ScanCycle => ({
    startedAt,
    done: 0,
    found: 0,
  });
  const after = (cycle: ScanCycle) =>
    cycle.cursor === undefined
      ? [...keys]
      : keys.filter(key => key > cycle.cursor!);

  let cycle = options.cycle;
  let started = false;
  if (!cycle) {
    cycle = fresh(now);
    started = true;
  } else if (after(cycle).length === 0) {
    const next = cycle.startedAt + intervalMs;
    if (now < next) return { cycle, started, due: [] };
    cycle = fresh(now - next < intervalMs ? next : now);
    started = true;
  }
  const remaining = after(cycle);
  if (intervalMs <= 0) return { cycle, started, due: remaining };
  const total = cycle.done + remaining.length;
  if (total === 0) return { cycle, started, due: [] };
  const spacing = Math.min(intervalMs / total, tickMs);
  const elapsed = now - cycle.startedAt;
  const dueCount = Math.min(total, Math.floor(elapsed / spacing) + 1);
  const perRun = Math.max(1, Math.ceil((2 * tickMs) / spacing));
  const take = Math.max(0, Math.min(dueCount - cycle.done, perRun));
  return { cycle, started, due: remaining.slice(0, take) };
}
