import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { connectAndMigrate } from '../database/migrations';

/** A test database of `databaseId` with the plugin's migrations run on it. */
export async function migratedDatabase(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(databaseId);
  return connectAndMigrate(
    mockServices.database.mock({
      getClient: async () => knex,
      migrations: { skip: false },
    }),
  );
}
