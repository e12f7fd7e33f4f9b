import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import type {
  SpecReadResult,
  SpecSourceReader,
} from '@catalyst/plugin-platform-node';
import { specFolder, task } from '../__testUtils__/specFolders';
import { migratedDatabase } from '../__testUtils__/database';
import { SpecIndexer } from './SpecIndexer';
import { SpecStore } from './SpecStore';

const databases = createTestDatabases();

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

/**
 * The reader's side of the index: each component's repository holds one
 * spec folder, and `broken` cannot be read. A read is held until `batch`
 * reads are under way (or every component's read has started), so the most
 * at once is what the indexer allows, not what the database's speed gives.
 */
class RepositoryReads {
  running = 0;
  started = 0;
  mostAtOnce = 0;
  private held: (() => void)[] = [];

  constructor(private readonly batch: number, private readonly total: number) {}

  async read(entity: Entity): Promise<SpecReadResult> {
    this.running += 1;
    this.started += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      if (this.running >= this.batch || this.started === this.total) {
        this.held.splice(0).forEach(release => release());
      } else {
        await new Promise<void>(resolve => this.held.push(resolve));
      }
      if (entity.metadata.name === 'broken') {
        throw new Error('branch read failed');
      }
      return {
        source: {
          type: 'url',
          repoUrl: `https://example.test/${entity.metadata.name}`,
        },
        index: {
          specs: [specFolder('001-auth', [task({ id: 'T001', line: 3 })])],
          diagnostics: [],
        },
        activeSlugs: [],
        etag: `etag-${entity.metadata.name}`,
      };
    } finally {
      this.running -= 1;
    }
  }
}

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await migratedDatabase(databases, databaseId);
  return { knex, store: new SpecStore(knex) };
}

describe.each(databases.eachSupportedId())('SpecIndexer on %p', databaseId => {
  it('indexes every component, at most `concurrency` at once, past a failing one', async () => {
    const { knex, store } = await createStore(databaseId);
    const names = [
      ...Array.from({ length: 9 }, (_, i) => `svc-${i}`),
      'broken',
    ];
    const reads = new RepositoryReads(3, names.length);
    const logger = mockServices.logger.mock();
    const indexer = new SpecIndexer({
      store,
      reader: reads as unknown as SpecSourceReader,
      catalog: catalogServiceMock({ entities: names.map(component) }),
      auth: mockServices.auth(),
      logger,
      concurrency: 3,
    });

    expect(await indexer.syncAll()).toEqual({ components: 10, failed: 1 });
    expect(reads.mostAtOnce).toBe(3);
    const indexed = await knex('spec_folders')
      .select('entity_ref')
      .orderBy('entity_ref');
    expect(indexed.map(row => row.entity_ref)).toEqual(
      names
        .filter(name => name !== 'broken')
        .map(name => `component:default/${name}`)
        .sort(),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not index specs of component:default/broken',
      ),
    );
  });

  it('starts no further component once the signal is aborted', async () => {
    const { store } = await createStore(databaseId);
    const controller = new AbortController();
    const reads = new RepositoryReads(2, 8);
    const read = reads.read.bind(reads);
    let started = 0;
    const indexer = new SpecIndexer({
      store,
      reader: {
        read: async (entity: Entity) => {
          started += 1;
          // The scheduler's timeout fires while the first two are read.
          if (started === 2) controller.abort();
          return read(entity);
        },
      } as unknown as SpecSourceReader,
      catalog: catalogServiceMock({
        entities: Array.from({ length: 8 }, (_, i) => component(`svc-${i}`)),
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      concurrency: 2,
    });

    await indexer.syncAll(controller.signal);
    expect(started).toBe(2);
  });
});
