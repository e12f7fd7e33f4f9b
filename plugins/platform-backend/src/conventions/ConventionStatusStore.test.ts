import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import type { ConventionsReport } from '@catalyst/plugin-platform-common';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';
import { ConventionStatusStore } from './ConventionStatusStore';
import { ConventionStore } from './ConventionStore';

const databases = createTestDatabases();
const NOW = new Date('2026-11-27T12:00:00Z');

function report(
  entityRef: string,
  options: { packId?: string; drifted?: string[]; warnings?: number } = {},
): ConventionsReport {
  const drifted = options.drifted ?? [];
  return {
    entityRef,
    pack: { id: options.packId ?? 'typescript', title: 'T', reason: 'r' },
    drifted: drifted.length > 0,
    summary: {
      pass: 3,
      drift: drifted.length,
      missing: 0,
      overridden: 0,
      unchecked: 0,
    },
    items: [
      {
        kind: 'file',
        name: '.editorconfig',
        required: true,
        status: 'pass',
        evidence: [],
      },
      ...drifted.map(name => ({
        kind: 'file' as const,
        name,
        required: true,
        status: 'drift' as const,
        evidence: [],
      })),
    ],
    warnings: Array.from({ length: options.warnings ?? 0 }, () => ({
      file: 'catalyst.yaml',
      message: 'w',
    })),
  };
}

describe.each(databases.eachSupportedId())(
  'ConventionStatusStore on %p',
  databaseId => {
    async function setUp() {
      const stores = await createTaskStores(databases, databaseId);
      return {
        ...stores,
        status: new ConventionStatusStore(stores.knex),
        conventions: new ConventionStore(stores.knex),
      };
    }

    it('keeps one row per component, drifted first, with totals over every row', async () => {
      const { status } = await setUp();
      await status.saveReport(report('component:default/zeta'), NOW);
      await status.saveReport(
        report('component:default/beta', { drifted: ['.editorconfig'] }),
        NOW,
      );
      await status.saveReport(
        report('component:default/alpha', { packId: 'go', warnings: 2 }),
        NOW,
      );
      await status.saveReport(
        report('component:default/gamma', {
          drifted: ['eslint.config.mjs', 'prettier'],
        }),
        NOW,
      );
      // A later report replaces the row.
      const later = new Date('2026-11-27T13:00:00Z');
      await status.saveReport(report('component:default/zeta'), later);

      const all = await status.overview({ offset: 0, limit: 50 });
      expect(all.items.map(row => row.entityRef)).toEqual([
        'component:default/beta',
        'component:default/gamma',
        'component:default/alpha',
        'component:default/zeta',
      ]);
      expect(all.totalCount).toBe(4);
      expect(all.totals).toEqual({ components: 4, compliant: 2, drifted: 2 });
      expect(all.items[1]).toEqual({
        entityRef: 'component:default/gamma',
        packId: 'typescript',
        drifted: true,
        summary: { pass: 3, drift: 2, missing: 0, overridden: 0, unchecked: 0 },
        driftedItems: ['eslint.config.mjs', 'prettier'],
        warningCount: 0,
        scannedAt: NOW.toISOString(),
      });
      expect(all.items[2]).toMatchObject({ packId: 'go', warningCount: 2 });
      expect(all.items[3].scannedAt).toBe(later.toISOString());

      const drifted = await status.overview({
        drifted: false,
        offset: 0,
        limit: 50,
      });
      expect(drifted.items.map(row => row.entityRef)).toEqual([
        'component:default/alpha',
        'component:default/zeta',
      ]);
      expect(drifted.totalCount).toBe(2);
      expect(drifted.totals.components).toBe(4);

      const go = await status.overview({ packId: 'go', offset: 0, limit: 50 });
      expect(go.items.map(row => row.entityRef)).toEqual([
        'component:default/alpha',
      ]);

      const page = await status.overview({ offset: 1, limit: 2 });
      expect(page).toMatchObject({ totalCount: 4, offset: 1, limit: 2 });
      expect(page.items.map(row => row.entityRef)).toEqual([
        'component:default/gamma',
        'component:default/alpha',
      ]);

      const search = await status.overview({
        q: 'AMM',
        offset: 0,
        limit: 50,
      });
      expect(search.items.map(row => row.entityRef)).toEqual([
        'component:default/gamma',
      ]);
      // LIKE wildcards in the search are literal characters.
      expect(
        (await status.overview({ q: '%', offset: 0, limit: 50 })).items,
      ).toEqual([]);
      expect(await status.getPackId('component:default/alpha')).toBe('go');
      expect(await status.getPackId('component:default/none')).toBeUndefined();
    });

    it('joins the convention pull request and the open convention_fix task', async () => {
      const { status, conventions, store } = await setUp();
      await status.saveReport(
        report('component:default/api', { drifted: ['.editorconfig'] }),
        NOW,
      );
      await status.saveReport(
        report('component:default/web', { drifted: ['.editorconfig'] }),
        NOW,
      );
      await conventions.savePullRequest(
        'component:default/api',
        {
          repository: 'acme/api',
          branch: 'catalyst/conventions',
          number: 7,
          url: 'https://github.com/acme/api/pull/7',
          files: ['.editorconfig'],
        },
        NOW,
      );
      const { task: open } = await store.enqueue(
        newTask({
          entityRef: 'component:default/api',
          taskType: 'convention_fix',
          repository: 'acme/api',
          subject: 'conventions',
        }),
        NOW,
      );
      // Another type of task, and a finished fix, are not the open fix.
      await store.enqueue(
        newTask({ entityRef: 'component:default/web', repository: 'acme/web' }),
        NOW,
      );
      const { task: done } = await store.enqueue(
        newTask({
          entityRef: 'component:default/web',
          taskType: 'convention_fix',
          repository: 'acme/web',
          subject: 'conventions',
        }),
        NOW,
      );
      await store.cancel(done.id, NOW);

      const { items } = await status.overview({ offset: 0, limit: 50 });
      expect(items[0]).toMatchObject({
        entityRef: 'component:default/api',
        openTaskId: open.id,
        pullRequest: {
          repository: 'acme/api',
          number: 7,
          url: 'https://github.com/acme/api/pull/7',
          files: ['.editorconfig'],
          updatedAt: NOW.toISOString(),
        },
      });
      expect(items[1].entityRef).toBe('component:default/web');
      expect(items[1].openTaskId).toBeUndefined();
      expect(items[1].pullRequest).toBeUndefined();
    });
  },
);
