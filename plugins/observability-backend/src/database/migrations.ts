import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { connectAndMigrate as connectAndMigrateDirectory } from '@catalyst/backend-common';
import { Knex } from 'knex';

const migrationsDirectory = resolvePackagePath(
  '@catalyst/plugin-observability-backend',
  'migrations',
);

/** The plugin's database with its schema up to date (unless migrations are skipped). */
export function connectAndMigrate(database: DatabaseService): Promise<Knex> {
  return connectAndMigrateDirectory(database, { migrationsDirectory });
}
