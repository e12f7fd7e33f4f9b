import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolve as resolvePath } from 'node:path';

// Every Catalyst store runs on both engines. The test command exports
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING for the PostgreSQL it
// started; without it TestDatabases would quietly drop POSTGRES_15, so the
// first test insists that both engines are really there.
const REQUIRED: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];
const databases = TestDatabases.create({ ids: REQUIRED });

const CLIENTS: Record<string, string> = {
  POSTGRES_15: 'pg',
  SQLITE_3: 'better-sqlite3',
};

const migrationsDirectory = resolvePath(__dirname, '__fixtures__/migrations');

describe('database layer', () => {
  it('has every required engine available', () => {
    expect(databases.eachSupportedId().map(([id]) => id)).toEqual(REQUIRED);
  });

  it('talks to a real PostgreSQL 15 server', async () => {
    const knex = await databases.init('POSTGRES_15');
    const { rows } = await knex.raw('select version() as v');
    expect(rows[0].v).toMatch(/^PostgreSQL 15\./);
  });

  it.each(databases.eachSupportedId())(
    'runs migrations up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      const [, applied] = await knex.migrate.latest({
        directory: migrationsDirectory,
      });
      expect(applied).toEqual(['20261127000000_init.js']);

      await knex('foundation_items').insert([
        {
          entity_ref: 'component:default/catalyst',
          name: 'a',
          payload: JSON.stringify({ ok: true }),
        },
        {
          entity_ref: 'component:default/catalyst',
          name: 'b',
          payload: '{}',
        },
      ]);

      // The unique constraint is enforced by the engine, not by the code.
      await expect(
        knex('foundation_items').insert({
          entity_ref: 'component:default/catalyst',
          name: 'a',
          payload: '{}',
        }),
        // Matched by message: the driver's error class may come from another
        // realm under jest, where toThrow() does not recognise it as an Error.
      ).rejects.toMatchObject({
        message: expect.stringMatching(/unique|duplicate/i),
      });

      const rows = await knex('foundation_items')
        .where({ entity_ref: 'component:default/catalyst' })
        .orderBy('name');
      expect(rows.map(r => r.name)).toEqual(['a', 'b']);
      expect(JSON.parse(rows[0].payload)).toEqual({ ok: true });
      expect(new Date(rows[0].created_at).getTime()).not.toBeNaN();

      expect(knex.client.config.client).toBe(CLIENTS[databaseId]);

      await knex.migrate.rollback({ directory: migrationsDirectory }, true);
      expect(await knex.schema.hasTable('foundation_items')).toBe(false);
    },
  );
});
