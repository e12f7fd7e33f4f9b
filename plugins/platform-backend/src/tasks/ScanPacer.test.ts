import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import type { PlatformTaskScanItems } from '@catalyst/plugin-platform-node';
import { createTaskStores } from '../__testUtils__/taskStores';
import { ScanPacer } from './ScanPacer';

const databases = createTestDatabases();
const MINUTE = 60_000;
const T0 = Date.parse('2026-12-07T08:00:00Z');
const INTERVAL = 4 * MINUTE;
const JOB = 'platform-task-scanner:test';

describe.each(databases.eachSupportedId())('ScanPacer on %p', databaseId => {
  async function setUp() {
    const { knex } = await createTaskStores(databases, databaseId);
    const clock = { now: T0 };
    const logger = mockServices.logger.mock();
    // Each pacer is a replica, or the backend after a restart: only the database is shared.
    const replica = () =>
      new ScanPacer({
        db: knex,
        logger,
        config: { enabled: true, tickSeconds: 60 },
        now: () => clock.now,
      });
    return { knex, clock, logger, replica };
  }

  const repositories = ['acme/d', 'acme/b', 'acme/a', 'acme/c'];
  function work(
    scanned: string[],
    overrides: Partial<PlatformTaskScanItems<string>> = {},
  ): PlatformTaskScanItems<string> {
    return {
      items: repositories,
      key: slug => slug,
      scan: async (slug, memory) => {
        scanned.push(slug);
        const seen = Number(memory.previous?.seen ?? 0);
        memory.keep({ seen: seen + 1 });
        return { entityRef: `component:default/${slug}`, title: `${seen}` };
      },
      ...overrides,
    };
  }

  it('spreads a cycle over the interval and carries on across replicas and restarts', async () => {
    const { clock, replica } = await setUp();
    const scanned: string[] = [];
    const at = async (minutes: number, pacer = replica()) => {
      clock.now = T0 + minutes * MINUTE;
      const found = await pacer.run(
        JOB,
        INTERVAL,
        new AbortController().signal,
        work(scanned),
      );
      return found.map(input => input.title);
    };

    expect(await at(0)).toEqual(['0']);
    expect(await at(0.5)).toEqual([]);
    expect(await at(1)).toEqual(['0']);
    expect(await at(2)).toEqual(['0']);
    expect(await at(3)).toEqual(['0']);
    // The cycle is complete: nothing until the interval is over.
    expect(await at(3.5)).toEqual([]);
    // The second cycle sees what the first one kept, on any replica.
    expect(await at(4)).toEqual(['1']);
    expect(scanned).toEqual(['acme/a', 'acme/b', 'acme/c', 'acme/d', 'acme/a']);
  });

  it('stops at the abort and the next run carries on after the last item scanned', async () => {
    const { replica } = await setUp();
    const scanned: string[] = [];
    const controller = new AbortController();
    const unpaced = () =>
      work(scanned, {
        scan: async slug => {
          scanned.push(slug);
          if (slug === 'acme/b') controller.abort();
          return undefined;
        },
      });
    await replica().run(JOB, 0, controller.signal, unpaced());
    expect(scanned).toEqual(['acme/a', 'acme/b']);
    await replica().run(JOB, 0, new AbortController().signal, unpaced());
    expect(scanned).toEqual(['acme/a', 'acme/b', 'acme/c', 'acme/d']);
  });

  it('passes over an item that throws, logging it, and keeps to the tasks per cycle', async () => {
    const { replica, logger } = await setUp();
    const scanned: string[] = [];
    const found = await replica().run(
      JOB,
      0,
      new AbortController().signal,
      work(scanned, {
        maxTasksPerCycle: 1,
        scan: async slug => {
          scanned.push(slug);
          if (slug === 'acme/a') throw new Error('GitHub said no');
          return { entityRef: `component:default/${slug}`, title: slug };
        },
      }),
    );
    expect(found.map(input => input.title)).toEqual(['acme/b']);
    // The cycle's later items wait for the next cycle.
    expect(scanned).toEqual(['acme/a', 'acme/b']);
    expect(logger.warn).toHaveBeenCalledWith(
      `${JOB} could not scan acme/a: Error: GitHub said no`,
    );
  });

  it('forgets the memory of items that left when a cycle starts', async () => {
    const { knex, replica } = await setUp();
    await replica().run(JOB, 0, new AbortController().signal, work([]));
    const kept = async () =>
      (
        await knex('platform_scan_items')
          .where({ scanner_id: JOB })
          .orderBy('item_key')
      ).map(row => [row.item_key, JSON.parse(row.memory)]);
    expect(await kept()).toHaveLength(4);
    await replica().run(
      JOB,
      0,
      new AbortController().signal,
      work([], { items: ['acme/a', 'acme/b'] }),
    );
    expect(await kept()).toEqual([
      ['acme/a', { seen: 2 }],
      ['acme/b', { seen: 2 }],
    ]);
  });

  it('takes every item at once when pacing is switched off', async () => {
    const { knex } = await setUp();
    const pacer = new ScanPacer({
      db: knex,
      logger: mockServices.logger.mock(),
      config: { enabled: false, tickSeconds: 60 },
      now: () => T0,
    });
    const scanned: string[] = [];
    await pacer.run(JOB, INTERVAL, new AbortController().signal, work(scanned));
    expect(scanned).toEqual(['acme/a', 'acme/b', 'acme/c', 'acme/d']);
    expect(pacer.tickMs(INTERVAL)).toBe(60_000);
    expect(pacer.tickMs(30_000)).toBe(30_000);
  });
});
