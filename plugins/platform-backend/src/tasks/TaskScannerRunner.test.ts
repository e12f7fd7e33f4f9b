import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import type {
  PlatformTaskInput,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import { createScanPacer, createTaskStores } from '../__testUtils__/taskStores';
import { TaskQueue } from './TaskQueue';
import { TaskScannerRunner } from './TaskScannerRunner';

const databases = createTestDatabases();
const T0 = new Date('2026-03-01T10:00:00Z');

function scannerFinding(
  findings: () => PlatformTaskInput[],
): PlatformTaskScanner {
  return {
    id: 'lint',
    taskType: 'lint_autofix',
    schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
    scan: async () => findings(),
  };
}

const finding = (subject: string): PlatformTaskInput => ({
  entityRef: 'component:default/payments',
  title: `Fix lint in ${subject}`,
  repository: 'acme/payments',
  subject,
});

describe.each(databases.eachSupportedId())(
  'TaskScannerRunner on %p',
  databaseId => {
    async function setUp() {
      const stores = await createTaskStores(databases, databaseId);
      const runner = new TaskScannerRunner({
        queue: new TaskQueue(stores.store, [
          { repository: 'acme/*', taskType: 'lint_autofix', policy: 'dry-run' },
        ]),
        logger: mockServices.logger.mock(),
        pacer: createScanPacer(stores.knex, { now: () => T0.getTime() }),
        now: () => T0,
      });
      return { ...stores, runner };
    }

    it('queues each finding once, however often the scanner reports it', async () => {
      const { store, runner } = await setUp();
      let findings = [finding('src'), finding('src'), finding('test')];
      const scanner = scannerFinding(() => findings);

      await expect(runner.run(scanner)).resolves.toEqual({
        found: 3,
        created: 2,
      });
      await expect(runner.run(scanner)).resolves.toEqual({
        found: 3,
        created: 0,
      });
      findings = [finding('test'), finding('docs')];
      await expect(runner.run(scanner)).resolves.toEqual({
        found: 2,
        created: 1,
      });

      const page = await store.list({ taskType: 'lint_autofix' });
      expect(page.items.map(task => task.subject).sort()).toEqual([
        'docs',
        'src',
        'test',
      ]);
      expect(page.items.every(task => task.status === 'pending')).toBe(true);
      // The approval policy is captured from the configured rules.
      expect(page.items.every(task => task.approvalPolicy === 'dry-run')).toBe(
        true,
      );
    });

    it('does not open tasks when there is nothing to do', async () => {
      const { store, runner } = await setUp();
      await expect(runner.run(scannerFinding(() => []))).resolves.toEqual({
        found: 0,
        created: 0,
      });
      const page = await store.list({});
      expect(page.items).toEqual([]);
    });

    it('stops queueing when the run is aborted', async () => {
      const { store, runner } = await setUp();
      const abort = new AbortController();
      abort.abort();
      await expect(
        runner.run(
          scannerFinding(() => [finding('src')]),
          abort.signal,
        ),
      ).resolves.toEqual({ found: 1, created: 0 });
      expect((await store.list({})).items).toHaveLength(0);
    });
  },
);
