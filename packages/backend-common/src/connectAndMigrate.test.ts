import { DatabaseService } from '@backstage/backend-plugin-api';
import { join } from 'node:path';
import { connectAndMigrate } from './connectAndMigrate';
import { createTestDatabases } from './testUtils';

const migrationsDirectory = join(__dirname, '__fixtures__', 'migrations');

describe('connectAndMigrate', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'runs the migrations on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = { getClient: async () => knex };

      const client = await connectAndMigrate(database, { migrationsDirectory });
      await client('greetings').insert({ text: 'hello' });
      // A second start finds the schema current and keeps the rows.
      await connectAndMigrate(database, { migrationsDirectory });

      expect(client).toBe(knex);
      expect(await knex('greetings').select('text')).toEqual([
        { text: 'hello' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database: DatabaseService = {
        getClient: async () => knex,
        migrations: { skip: true },
      };

      await connectAndMigrate(database, { migrationsDirectory });

      expect(await knex.schema.hasTable('greetings')).toBe(false);
    },
  );
});
