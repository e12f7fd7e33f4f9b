import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * Connects to a plugin's database and brings its schema up to date with the
 * knex migrations in `migrationsDirectory`, unless the backend's
 * `backend.database.migrations.skip` says the schema is managed elsewhere.
 *
 * @public
 */
export async function connectAndMigrate(
  database: DatabaseService,
  options: {
    /** Absolute path, usually `resolvePackagePath('<package>', 'migrations')`. */
    migrationsDirectory: string;
  },
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: options.migrationsDirectory });
  }
  return knex;
}
