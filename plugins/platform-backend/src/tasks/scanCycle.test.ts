import { planScanCycle, ScanCycle } from './scanCycle';

const MINUTE = 60_000;
const keys = (n: number) =>
  Array.from({ length: n }, (_, i) => `repo-${String(i).padStart(4, '0')}`);

/** Runs the plan every tick from `from` to `to` (inclusive), as the scheduler would. */
function runTicks(options: {
  keys: string[];
  intervalMs: number;
  tickMs: number;
  from: number;
  to: number;
  cycle?: ScanCycle;
}) {
  let cycle = options.cycle;
  const runs: { at: number; due: string[]; started: boolean }[] = [];
  for (let at = options.from; at <= options.to; at += options.tickMs) {
    const plan = planScanCycle({ ...options, cycle, now: at });
    cycle = {
      ...plan.cycle,
      cursor: plan.due.length
        ? plan.due[plan.due.length - 1]
        : plan.cycle.cursor,
      done: plan.cycle.done + plan.due.length,
    };
    runs.push({ at, due: plan.due, started: plan.started });
  }
  return { runs, cycle: cycle! };
}

describe('planScanCycle', () => {
  it('spreads a cycle over a large catalog evenly over the interval', () => {
    const all = keys(120);
    const { runs } = runTicks({
      keys: all,
      intervalMs: 60 * MINUTE,
      tickMs: MINUTE,
      from: 0,
      to: 59 * MINUTE,
    });
    // One item every 30 s: the first at once, then two a minute.
    expect(runs.map(run => run.due.length)).toEqual([1, ...Array(59).fill(2)]);
    const scanned = runs.flatMap(run => run.due);
    expect(scanned).toEqual(all.slice(0, 119));
    // The last item is due at 59.5 min, so the next tick takes it.
    const last = planScanCycle({
      keys: all,
      intervalMs: 60 * MINUTE,
      tickMs: MINUTE,
      now: 60 * MINUTE,
      cycle: { startedAt: 0, cursor: all[118], done: 119, found: 0 },
    });
    expect(last).toEqual({
      cycle: { startedAt: 0, cursor: all[118], done: 119, found: 0 },
      started: false,
      due: [all[119]],
    });
  });

  it('takes one item per tick from a catalog smaller than the ticks of the interval, then waits for the next cycle', () => {
    const { runs } = runTicks({
      keys: keys(3),
      intervalMs: 360 * MINUTE,
      tickMs: MINUTE,
      from: 0,
      to: 361 * MINUTE,
    });
    const busy = runs.filter(run => run.due.length > 0);
    expect(busy.map(run => [run.at / MINUTE, run.due, run.started])).toEqual([
      [0, ['repo-0000'], true],
      [1, ['repo-0001'], false],
      [2, ['repo-0002'], false],
      [360, ['repo-0000'], true],
      [361, ['repo-0001'], false],
    ]);
  });

  it('catches up after a restart at no more than twice the pace', () => {
    const all = keys(120);
    // Ten items done, then the backend was away for 25 minutes: 61 are due.
    const plan = planScanCycle({
      keys: all,
      intervalMs: 60 * MINUTE,
      tickMs: MINUTE,
      now: 30 * MINUTE,
      cycle: { startedAt: 0, cursor: all[9], done: 10, found: 2 },
    });
    expect(plan.started).toBe(false);
    expect(plan.due).toEqual(all.slice(10, 14));
    expect(plan.cycle).toEqual({
      startedAt: 0,
      cursor: all[9],
      done: 10,
      found: 2,
    });
  });

  it('starts the next cycle an interval after the last, or from now after a longer absence', () => {
    const all = keys(2);
    const done: ScanCycle = {
      startedAt: 0,
      cursor: all[1],
      done: 2,
      found: 1,
    };
    const common = { keys: all, intervalMs: 60 * MINUTE, tickMs: MINUTE };
    expect(planScanCycle({ ...common, cycle: done, now: 59 * MINUTE })).toEqual(
      { cycle: done, started: false, due: [] },
    );
    expect(
      planScanCycle({ ...common, cycle: done, now: 61 * MINUTE }),
    ).toMatchObject({
      cycle: { startedAt: 60 * MINUTE, done: 0, found: 0 },
      started: true,
    });
    expect(
      planScanCycle({ ...common, cycle: done, now: 300 * MINUTE }),
    ).toMatchObject({
      cycle: { startedAt: 300 * MINUTE, done: 0, found: 0 },
      started: true,
      due: [all[0]],
    });
  });

  it('counts the items afresh: one added before the cursor waits for the next cycle, a removed one is not waited for', () => {
    const plan = planScanCycle({
      keys: ['a', 'b', 'd', 'e'],
      intervalMs: 4 * MINUTE,
      tickMs: MINUTE,
      now: 3 * MINUTE,
      // c was scanned and has left; a is new, before the cursor.
      cycle: { startedAt: 0, cursor: 'c', done: 3, found: 0 },
    });
    expect(plan.due).toEqual(['d']);
  });

  it('takes every item of the cycle when there is no pacing', () => {
    const all = keys(5);
    expect(
      planScanCycle({
        keys: all,
        intervalMs: 0,
        tickMs: 0,
        now: 0,
        cycle: undefined,
      }),
    ).toEqual({
      cycle: { startedAt: 0, done: 0, found: 0 },
      started: true,
      due: all,
    });
    // Cut short, the next run carries on; complete, the next run starts again.
    expect(
      planScanCycle({
        keys: all,
        intervalMs: 0,
        tickMs: 0,
        now: 5,
        cycle: { startedAt: 0, cursor: all[1], done: 2, found: 0 },
      }).due,
    ).toEqual(all.slice(2));
    expect(
      planScanCycle({
        keys: all,
        intervalMs: 0,
        tickMs: 0,
        now: 9,
        cycle: { startedAt: 0, cursor: all[4], done: 5, found: 0 },
      }),
    ).toEqual({
      cycle: { startedAt: 9, done: 0, found: 0 },
      started: true,
      due: all,
    });
  });
});
