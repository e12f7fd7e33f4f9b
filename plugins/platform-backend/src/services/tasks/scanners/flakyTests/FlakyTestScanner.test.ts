import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTaskStores } from '../../../../__testUtils__/taskStores';
import { TaskQueue } from '../../../../tasks/TaskQueue';
import { TaskScannerRunner } from '../../../../tasks/TaskScannerRunner';
import { FlakyTestScanner } from './FlakyTestScanner';

const databases = createTestDatabases();
const NOW = new Date('2026-03-10T12:00:00Z');

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
      const stores = await createTaskStores(databases, databaseId);
      const runner = new TaskScannerRunner({
        queue: new TaskQueue(stores.store, []),
        logger: mockServices.logger.mock(),
        now: () => NOW,
      });
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
      return { ...stores, runner, scanner };
    }

    it('queues one task per flaky test with its evidence, once', async () => {
      const { store, runner, scanner } = await setUp();
      await writeReport(
        'aaa111',
        'ci-1.xml',
        report('2026-03-10T08:00:00Z', { totals: true, adds: true }),
      );
      await writeReport(
        'aaa111',
        'ci-2.xml',
        report('2026-03-10T09:00:00Z', { totals: false, adds: true }),
      );

      await expect(runner.run(scanner)).resolves.toEqual({
        found: 1,
        created: 1,
      });
      await expect(runner.run(scanner)).resolves.toEqual({
        found: 1,
        created: 0,
      });
      const [task] = (await store.list({ taskType: 'flaky_test' })).items;
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
      const { store, runner, scanner } = await setUp();
      await writeReport(
        'aaa111',
        'ci-1.xml',
        report('2026-03-10T08:00:00Z', { totals: true }),
      );
      await writeReport(
        'aaa111',
        'ci-2.xml',
        report('2026-03-10T09:00:00Z', { totals: false }),
      );
      await writeReport(
        'bbb222',
        'ci-1.xml',
        report('2026-03-10T10:00:00Z', { totals: true }),
      );
      await writeReport(
        'bbb222',
        'ci-2.xml',
        report('2026-03-10T11:00:00Z', { totals: true }),
      );
      await expect(runner.run(scanner)).resolves.toEqual({
        found: 0,
        created: 0,
      });
      expect((await store.list({})).items).toEqual([]);
    });
  },
);
