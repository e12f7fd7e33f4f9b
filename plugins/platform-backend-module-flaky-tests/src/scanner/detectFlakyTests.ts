import { JunitTestCase } from './parseJunitReport';

/** One test run: the cases of one report, the commit it tested and when it ran. */
export interface TestRun {
  commit: string;
  ranAt: Date;
  /** Where the run came from, quoted as evidence. */
  source: string;
  cases: JunitTestCase[];
}

/** A test that both passed and failed on the same commit. */
export interface FlakyTest {
  testId: string;
  commit: string;
  passes: number;
  failures: number;
  lastFailureAt: Date;
  lastFailureMessage?: string;
  /** The runs of that commit, oldest first. */
  evidence: { source: string; ranAt: Date; outcome: 'passed' | 'failed' }[];
}

/** How far back flakiness counts and what clears it. */
export interface FlakyTestPolicy {
  /** Only runs at most this old are read. */
  windowMs: number;
  /** A flaky test is cleared by this many passes in a row after its last failure. */
  clearAfterPasses: number;
}

/**
 * Tests that passed and failed on the same commit within the window (the
 * code did not change, so the test did), unless they have passed
 * `clearAfterPasses` times in a row since their last failure.
 */
export function detectFlakyTests(
  runs: TestRun[],
  policy: FlakyTestPolicy,
  now: Date,
): FlakyTest[] {
  const recent = runs
    .filter(run => now.getTime() - run.ranAt.getTime() <= policy.windowMs)
    .sort((a, b) => a.ranAt.getTime() - b.ranAt.getTime());
  const outcomes = new Map<
    string,
    { run: TestRun; outcome: 'passed' | 'failed'; message?: string }[]
  >();
  for (const run of recent) {
    for (const testCase of run.cases) {
      if (testCase.outcome === 'skipped') continue;
      const list = outcomes.get(testCase.id) ?? [];
      list.push({ run, outcome: testCase.outcome, message: testCase.message });
      outcomes.set(testCase.id, list);
    }
  }
  const flaky: FlakyTest[] = [];
  for (const [testId, history] of outcomes) {
    const lastFailure = history.map(h => h.outcome).lastIndexOf('failed');
    if (lastFailure === -1) continue;
    if (history.length - 1 - lastFailure >= policy.clearAfterPasses) continue;
    const byCommit = new Map<string, typeof history>();
    for (const entry of history) {
      const list = byCommit.get(entry.run.commit) ?? [];
      list.push(entry);
      byCommit.set(entry.run.commit, list);
    }
    // The most recent commit on which the test went both ways.
    const mixed = [...byCommit.entries()]
      .filter(
        ([, list]) =>
          list.some(e => e.outcome === 'passed') &&
          list.some(e => e.outcome === 'failed'),
      )
      .sort(
        ([, a], [, b]) =>
          b[b.length - 1].run.ranAt.getTime() -
          a[a.length - 1].run.ranAt.getTime(),
      )[0];
    if (!mixed) continue;
    const [commit, list] = mixed;
    const failures = list.filter(e => e.outcome === 'failed');
    const last = failures[failures.length - 1];
    flaky.push({
      testId,
      commit,
      passes: list.length - failures.length,
      failures: failures.length,
      lastFailureAt: last.run.ranAt,
      lastFailureMessage: last.message,
      evidence: list.map(e => ({
        source: e.run.source,
        ranAt: e.run.ranAt,
        outcome: e.outcome,
      })),
    });
  }
  return flaky.sort((a, b) => a.testId.localeCompare(b.testId));
}
