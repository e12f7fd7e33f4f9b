import { parseJunitReport } from './parseJunitReport';

describe('parseJunitReport', () => {
  it('reads passed, failed, errored and skipped cases and the suite time', () => {
    const report = parseJunitReport(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests">
  <testsuite name="cart" timestamp="2026-03-10T10:00:00" tests="4">
    <testcase classname="cart" name="adds &amp; removes" time="0.01"/>
    <testcase classname="cart" name="totals" time="0.2">
      <failure message="expected 3 &lt; 2">Error: expected 3 &lt; 2
    at cart.test.js:10</failure>
    </testcase>
    <!-- <testcase classname="cart" name="commented out"/> -->
    <testcase classname="cart" name="loads"><error><![CDATA[ECONNRESET
stack]]></error></testcase>
    <testcase name="later"><skipped/></testcase>
  </testsuite>
</testsuites>`);
    expect(report.timestamp).toEqual(new Date('2026-03-10T10:00:00'));
    expect(report.cases).toEqual([
      { id: 'cart › adds & removes', outcome: 'passed' },
      { id: 'cart › totals', outcome: 'failed', message: 'expected 3 < 2' },
      { id: 'cart › loads', outcome: 'failed', message: 'ECONNRESET' },
      { id: 'later', outcome: 'skipped' },
    ]);
  });
});
