import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatformWithScanner } from '@catalyst/plugin-platform-backend/testUtils';
import { FlakyTestScanner } from './FlakyTestScanner';

const databases = createTestDatabases();
// The platform scans at the real time; the reports are from the last hours.
const hoursAgo = (hours: number) =>
  new Date(Date.now() - hours * 3_600_000).toISOString();

function report(ranAt: string, outcomes: Record<string, boolean>) {
  const cases = Object.entries(outcomes)
    .map(([name, passed]) =>
      passed
        ? `<testcase classname="cart" name="${name}"/>`
        : `<testcase classname="cart" name="${name}"><failure message="flaked"/></testcase>`,
    )
    .join('\n');
  return `<testsuites><testsuite name="cart" timestamp="${ranAt}">${cases}</testsuite></testsuites>`;
}

describe.each(databases.eachSupportedId())(
  'FlakyTestScanner on %p',
  databaseId => {
    let reportsDir: string;
    beforeEach(async () => {
      reportsDir = await fs.mkdtemp(join(tmpdir(), 'junit-reports-'));
    });
    afterEach(async () => {
      await fs.rm(reportsDir, { recursive: true, force: true });
    });

    async function writeReport(commit: string, file: string, xml: string) {
      await fs.mkdir(join(reportsDir, commit), { recursive: true });
      await fs.writeFile(join(reportsDir, commit, file), xml);
    }

    async function setUp() {
      const scanner = new FlakyTestScanner(
        'flaky-web',
        { frequency: { hours: 1 }, timeout: { minutes: 5 } },
        {
          reportsDir,
          entityRef: 'component:default/web',
          repository: 'acme/web',
          policy: { windowMs: 24 * 3_600_000, clearAfterPasses: 2 },
        },
      );
      return startPlatformWithScanner(databases, databaseId, scanner);
    }

    it('queues one task per flaky test with its evidence, once', async () => {
      const platform = await setUp();
      await writeReport(
        'aaa111',
        'ci-1.xml',
        report(hoursAgo(4), { totals: true, adds: true }),
      );
      await writeReport(
        'aaa111',
        'ci-2.xml',
        report(hoursAgo(3), { totals: false, adds: true }),
      );

      await platform.scan();
      await platform.scan();
      const tasks = await platform.tasks();
      expect(tasks).toHaveLength(1);
      const [task] = tasks;
      expect(task.subject).toBe('cart › totals');
      expect(task.repository).toBe('acme/web');
      expect(task.payload).toMatchObject({
        commit: 'aaa111',
        passes: 1,
        failures: 1,
        lastFailureMessage: 'flaked',
        evidence: [
          { source: 'aaa111/ci-1.xml', outcome: 'passed' },
          { source: 'aaa111/ci-2.xml', outcome: 'failed' },
        ],
      });
    });

    it('queues nothing once the test passed N times in a row', async () => {
      const platform = await setUp();
      await writeReport(
        'aaa111',
        'ci-1.xml',
        report(hoursAgo(4), { totals: true }),
      );
      await writeReport(
        'aaa111',
        'ci-2.xml',
        report(hoursAgo(3), { totals: false }),
      );
      await writeReport(
        'bbb222',
        'ci-1.xml',
        report(hoursAgo(2), { totals: true }),
      );
      await writeReport(
        'bbb222',
        'ci-2.xml',
        report(hoursAgo(1), { totals: true }),
      );
      await platform.scan();
      expect(await platform.tasks()).toEqual([]);
    });
  },
);
