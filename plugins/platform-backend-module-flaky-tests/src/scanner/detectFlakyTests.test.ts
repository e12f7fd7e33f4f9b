import { detectFlakyTests, TestRun } from './detectFlakyTests';

const NOW = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const policy = { windowMs: 24 * HOUR, clearAfterPasses: 3 };

function run(
  commit: string,
  hoursAgo: number,
  outcome: 'passed' | 'failed',
  testId = 'cart › adds items',
): TestRun {
  return {
    commit,
    ranAt: new Date(NOW.getTime() - hoursAgo * HOUR),
    source: `${commit}/run-${hoursAgo}.xml`,
    cases: [
      outcome === 'failed'
        ? { id: testId, outcome, message: 'timeout' }
        : { id: testId, outcome },
    ],
  };
}

describe('detectFlakyTests', () => {
  it('reports a test that passed and failed on the same commit', () => {
    const flaky = detectFlakyTests(
      [run('c1', 5, 'passed'), run('c1', 4, 'failed'), run('c1', 3, 'passed')],
      policy,
      NOW,
    );
    expect(flaky).toEqual([
      expect.objectContaining({
        testId: 'cart › adds items',
        commit: 'c1',
        passes: 2,
        failures: 1,
        lastFailureMessage: 'timeout',
        lastFailureAt: new Date(NOW.getTime() - 4 * HOUR),
      }),
    ]);
    expect(flaky[0].evidence.map(e => e.outcome)).toEqual([
      'passed',
      'failed',
      'passed',
    ]);
  });

  it('does not report a test that failed on one commit and passed on the next', () => {
    expect(
      detectFlakyTests(
        [run('c1', 5, 'failed'), run('c2', 4, 'passed')],
        policy,
        NOW,
      ),
    ).toEqual([]);
  });

  it('ignores runs older than the window', () => {
    const runs = [run('c1', 30, 'failed'), run('c1', 20, 'passed')];
    expect(detectFlakyTests(runs, policy, NOW)).toEqual([]);
    expect(
      detectFlakyTests(runs, { ...policy, windowMs: 48 * HOUR }, NOW),
    ).toHaveLength(1);
  });

  it('clears a test after N passes in a row since its last failure', () => {
    const flaky = [run('c1', 10, 'passed'), run('c1', 9, 'failed')];
    const twoPasses = [
      ...flaky,
      run('c2', 8, 'passed'),
      run('c2', 7, 'passed'),
    ];
    expect(detectFlakyTests(twoPasses, policy, NOW)).toHaveLength(1);
    const threePasses = [...twoPasses, run('c3', 6, 'passed')];
    expect(detectFlakyTests(threePasses, policy, NOW)).toEqual([]);
  });

  it('skipped cases neither pass nor fail', () => {
    const skipped: TestRun = {
      ...run('c1', 3, 'passed'),
      cases: [{ id: 'cart › adds items', outcome: 'skipped' }],
    };
    expect(
      detectFlakyTests([run('c1', 5, 'failed'), skipped], policy, NOW),
    ).toEqual([]);
  });
});
