import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@catalyst/plugin-platform-backend',
  'migrations',
);

/**
 * Connects to the plugin's database and brings its schema up to date, unless
 * `backend.database.migrations.skip` says otherwise.
 */
export async function connectAndMigrate(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}
