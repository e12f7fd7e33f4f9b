import { mockServices } from '@backstage/backend-test-utils';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { migratedDatabase } from './database';
import { Knex } from 'knex';
import { ScanPacer } from '../tasks/ScanPacer';
import { TaskBreakerStore } from '../tasks/TaskBreakerStore';
import { NewPlatformTask, TaskStore } from '../tasks/TaskStore';

/** A migrated database with the task stores on it. */
export async function createTaskStores(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const db = await migratedDatabase(databases, databaseId);
  return {
    knex: db,
    store: new TaskStore(db),
    breakers: new TaskBreakerStore(db),
  };
}

/** A task of the given type, for tests. */
export function newTask(
  overrides: Partial<NewPlatformTask> = {},
): NewPlatformTask {
  return {
    entityRef: 'component:default/payments',
    taskType: 'dependency_update',
    title: 'Update lodash',
    repository: 'acme/payments',
    subject: 'lodash',
    approvalPolicy: 'auto-merge',
    ...overrides,
  };
}

/** The scan pacer on a test database: every item at once unless `enabled`. */
export function createScanPacer(
  db: Knex,
  options: { now?: () => number; enabled?: boolean; tickSeconds?: number } = {},
) {
  return new ScanPacer({
    db,
    logger: mockServices.logger.mock(),
    config: {
      enabled: options.enabled ?? false,
      tickSeconds: options.tickSeconds ?? 60,
    },
    now: options.now,
  });
}
