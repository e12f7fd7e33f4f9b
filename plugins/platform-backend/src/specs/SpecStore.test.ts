import { migratedDatabase } from '../__testUtils__/database';
import { SpecStore } from './SpecStore';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { specFolder, task } from '../__testUtils__/specFolders';

const databases = createTestDatabases();

const COMPONENT = 'component:default/payments-api';
const OTHER = 'component:default/checkout-web';

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await migratedDatabase(databases, databaseId);
  return { store: new SpecStore(knex), knex };
}

const input = (
  folder: ReturnType<typeof specFolder>,
  extra: { owner?: string; active?: boolean } = {},
) => ({
  folder,
  specEntityRef: `spec:default/payments-api-${folder.slug}`,
  owner: extra.owner ?? 'group:default/payments-team',
  system: 'system:default/payments',
  active: extra.active ?? false,
});

describe.each(databases.eachSupportedId())('SpecStore on %p', databaseId => {
  it('writes changed folders, skips unchanged ones and removes vanished ones', async () => {
    const { store, knex } = await createStore(databaseId);
    const auth = specFolder('001-auth', [
      task({ id: 'T001', line: 10, done: true, phase: 'Phase 1: Setup' }),
      task({ id: 'T002', line: 11, parallel: true, stories: ['US-1'] }),
    ]);
    const billing = specFolder('002-billing', [task({ id: 'T001', line: 3 })]);

    const first = await store.syncFolders(
      COMPONENT,
      [input(auth), input(billing)],
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(first).toEqual({ updated: 2, unchanged: 0, removed: 0 });

    const again = await store.syncFolders(
      COMPONENT,
      [input(auth), input(billing)],
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(again).toEqual({ updated: 0, unchanged: 2, removed: 0 });
    const row = await knex('spec_folders').where({ slug: '001-auth' }).first();
    // Unchanged: only the sync time moved, the content did not get rewritten.
    expect(new Date(row.updated_at).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(new Date(row.last_synced_at).toISOString()).toBe(
      '2026-01-02T00:00:00.000Z',
    );

    const authChanged = specFolder('001-auth', [
      task({ id: 'T001', line: 10, done: true }),
      task({ id: 'T002', line: 11, done: true }),
      task({ id: 'T003', line: 12 }),
    ]);
    const third = await store.syncFolders(
      COMPONENT,
      [input(authChanged)],
      new Date('2026-01-03T00:00:00Z'),
    );
    expect(third).toEqual({ updated: 1, unchanged: 0, removed: 1 });

    const spec = await store.getSpec(COMPONENT, '001-auth');
    expect(spec?.tasks.map(t => [t.id, t.state, t.completedBy])).toEqual([
      ['T001', 'done', 'markdown'],
      ['T002', 'done', 'markdown'],
      ['T003', 'open', undefined],
    ]);
    expect(spec?.counts).toEqual({ total: 3, done: 2, open: 1, other: 0 });
    expect(spec?.completion).toBe(0.67);
    expect(await store.getSpec(COMPONENT, '002-billing')).toBeUndefined();
    const [{ n }] = await knex('spec_tasks').count({ n: '*' });
    expect(Number(n)).toBe(3);
  });

  it('writes, touches and removes folders past the statement chunks', async () => {
    const { store, knex } = await createStore(databaseId);
    // 520 folders (over the 500 ids of a statement), 3 tasks each: 1,560 task
    // rows, so statements of 400 rows end inside folders.
    const folders = Array.from({ length: 520 }, (_, i) =>
      specFolder(
        `${String(i + 1).padStart(4, '0')}-part`,
        [1, 2, 3].map(n => task({ id: `T${n}${i}`, line: n, done: n === 1 })),
      ),
    );
    const first = await store.syncFolders(
      COMPONENT,
      folders.map(f => input(f)),
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(first).toEqual({ updated: 520, unchanged: 0, removed: 0 });
    const perFolder: Array<{
      slug: string;
      n: number | string;
      first: string;
    }> = await knex('spec_tasks')
      .join('spec_folders', 'spec_folders.id', 'spec_tasks.spec_folder_id')
      .groupBy('spec_folders.slug')
      .select('spec_folders.slug')
      .count({ n: '*' })
      .min({ first: 'spec_tasks.task_id' });
    expect(perFolder).toHaveLength(520);
    for (const row of perFolder) {
      const i = Number(row.slug.slice(0, 4)) - 1;
      expect([Number(row.n), row.first]).toEqual([3, `T1${i}`]);
    }
    const last = await store.getSpec(COMPONENT, '0520-part');
    expect(last?.tasks.map(t => t.id)).toEqual(['T1519', 'T2519', 'T3519']);
    expect(last?.counts).toEqual({ total: 3, done: 1, open: 2, other: 0 });

    // All touched; then all but the first ten removed.
    const again = await store.syncFolders(
      COMPONENT,
      folders.map(f => input(f)),
      new Date('2026-01-02T00:00:00Z'),
    );
    expect(again).toEqual({ updated: 0, unchanged: 520, removed: 0 });
    const [{ stale }] = await knex('spec_folders')
      .where('last_synced_at', '<', new Date('2026-01-02T00:00:00Z'))
      .count({ stale: '*' });
    expect(Number(stale)).toBe(0);
    const pruned = await store.syncFolders(
      COMPONENT,
      folders.slice(0, 10).map(f => input(f)),
      new Date('2026-01-03T00:00:00Z'),
    );
    expect(pruned).toEqual({ updated: 0, unchanged: 10, removed: 510 });
    const [{ n }] = await knex('spec_tasks').count({ n: '*' });
    expect(Number(n)).toBe(30);
  });

  it('stores the parsed detail of a folder', async () => {
    const { store } = await createStore(databaseId);
    await store.syncFolders(
      COMPONENT,
      [
        input(
          specFolder(
            '010-platform',
            [
              task({
                id: 'T001',
                line: 23,
                tags: ['Spike'],
                phase: 'Phase 0: Spikes',
                details: ['- sub bullet'],
              }),
              task({ id: 'T002b', line: 24, state: 'in-progress', mark: '~' }),
            ],
            { branch: '010-platform', created: '2025-01-15' },
          ),
          { active: true },
        ),
      ],
      new Date(),
    );
    const spec = await store.getSpec(COMPONENT, '010-platform');
    expect(spec).toMatchObject({
      entityRef: COMPONENT,
      specEntityRef: 'spec:default/payments-api-010-platform',
      path: 'specs/010-platform',
      number: 10,
      title: 'Title of 010-platform',
      status: 'draft',
      active: true,
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      documents: ['spec', 'tasks'],
      branch: '010-platform',
      created: '2025-01-15',
      userStories: [
        { id: 'US1', number: 1, title: 'Story', priority: 'P1', line: 5 },
      ],
      requirements: [{ id: 'FR-001', text: 'System MUST work', line: 9 }],
      counts: { total: 2, done: 0, open: 1, other: 1 },
    });
    expect(spec?.tasks[0]).toMatchObject({
      id: 'T001',
      tags: ['Spike'],
      phase: 'Phase 0: Spikes',
      details: ['- sub bullet'],
      line: 23,
    });
    expect(spec?.tasks[1]).toMatchObject({
      id: 'T002b',
      state: 'in-progress',
      mark: '~',
      done: false,
    });
  });

  it('lists the portfolio with filters and ordering', async () => {
    const { store } = await createStore(databaseId);
    await store.syncFolders(
      COMPONENT,
      [
        input(
          specFolder('001-auth', [task({ id: 'T001', line: 1, done: true })]),
        ),
        input(
          specFolder(
            '002-billing',
            [
              task({ id: 'T001', line: 1, done: true }),
              task({ id: 'T002', line: 2 }),
            ],
            { status: 'Complete' },
          ),
        ),
      ],
      new Date(),
    );
    await store.syncFolders(
      OTHER,
      [
        input(specFolder('001-cart', [task({ id: 'T001', line: 1 })]), {
          owner: 'group:default/web',
        }),
      ],
      new Date(),
    );

    const all = await store.listSpecs({});
    expect(all.totalCount).toBe(3);
    expect(all.items.map(s => `${s.entityRef}#${s.slug}`)).toEqual([
      `${OTHER}#001-cart`,
      `${COMPONENT}#001-auth`,
      `${COMPONENT}#002-billing`,
    ]);
    expect((await store.listSpecs({ entityRef: COMPONENT })).totalCount).toBe(
      2,
    );
    expect(
      (await store.listSpecs({ owner: 'group:default/web' })).items.map(
        s => s.slug,
      ),
    ).toEqual(['001-cart']);
    expect(
      (await store.listSpecs({ status: 'COMPLETE' })).items.map(s => s.slug),
    ).toEqual(['002-billing']);
    expect(
      (
        await store.listSpecs({ minCompletion: 0.5, maxCompletion: 0.5 })
      ).items.map(s => s.slug),
    ).toEqual(['002-billing']);
    expect(
      (await store.listSpecs({ search: 'BILL' })).items.map(s => s.slug),
    ).toEqual(['002-billing']);
    expect(
      (
        await store.listSpecs({ orderBy: 'completion', order: 'desc' })
      ).items.map(s => s.completion),
    ).toEqual([1, 0.5, 0]);
    const page = await store.listSpecs({ limit: 1, offset: 1 });
    expect(page).toMatchObject({
      totalCount: 3,
      items: [{ slug: '001-auth' }],
    });
  });

  it('completes tasks from merged pull requests and keeps them across re-indexing', async () => {
    const { store } = await createStore(databaseId);
    const folder = specFolder('003-search', [
      task({ id: 'T001', line: 1 }),
      task({ id: 'T002', line: 2 }),
      task({ id: 'T003', line: 3, done: true }),
    ]);
    await store.syncFolders(COMPONENT, [input(folder)], new Date());
    const [key] = await store.listKeys([COMPONENT]);
    expect(key).toMatchObject({ slug: '003-search', number: 3 });

    const marked = await store.linkPullRequest(
      key.id,
      {
        repository: 'acme/payments',
        number: 42,
        title: 'feat(search): index',
        url: 'https://github.com/acme/payments/pull/42',
        mergedAt: new Date('2026-02-01T10:00:00Z'),
      },
      ['T001', 'T003', 'T999'],
    );
    expect(marked).toEqual(['T001', 'T003']);

    let spec = await store.getSpec(COMPONENT, '003-search');
    expect(
      spec?.tasks.map(t => [t.id, t.done, t.completedBy, t.linkedPrNumber]),
    ).toEqual([
      ['T001', true, 'pull-request', 42],
      ['T002', false, undefined, undefined],
      ['T003', true, 'markdown', 42],
    ]);
    expect(spec?.counts.done).toBe(2);
    expect(spec?.pullRequests).toEqual([
      {
        repository: 'acme/payments',
        number: 42,
        title: 'feat(search): index',
        url: 'https://github.com/acme/payments/pull/42',
        mergedAt: '2026-02-01T10:00:00.000Z',
        taskIds: ['T001', 'T003'],
      },
    ]);

    // tasks.md changes (a task is added); the pull request's completion stays.
    const changed = specFolder('003-search', [
      task({ id: 'T001', line: 1 }),
      task({ id: 'T002', line: 2 }),
      task({ id: 'T003', line: 3, done: true }),
      task({ id: 'T004', line: 4 }),
    ]);
    await store.syncFolders(COMPONENT, [input(changed)], new Date());
    spec = await store.getSpec(COMPONENT, '003-search');
    expect(spec?.tasks.find(t => t.id === 'T001')).toMatchObject({
      done: true,
      completedBy: 'pull-request',
      linkedPrNumber: 42,
      linkedPrUrl: 'https://github.com/acme/payments/pull/42',
    });
    expect(spec?.counts).toEqual({ total: 4, done: 2, open: 2, other: 0 });
    expect(spec?.completion).toBe(0.5);
  });

  it('keeps source state per component', async () => {
    const { store } = await createStore(databaseId);
    expect(await store.getSourceState(COMPONENT)).toBeUndefined();
    await store.saveSourceState(
      COMPONENT,
      { etag: 'abc', activeSlugs: ['001-auth'] },
      new Date(),
    );
    expect(await store.getSourceState(COMPONENT)).toEqual({
      etag: 'abc',
      activeSlugs: ['001-auth'],
    });
    await store.saveSourceState(COMPONENT, { error: 'boom' }, new Date());
    expect(await store.getSourceState(COMPONENT)).toEqual({
      etag: 'abc',
      activeSlugs: ['001-auth'],
    });
  });
});
