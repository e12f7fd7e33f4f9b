import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * Every store test runs on SQLite and PostgreSQL. TestDatabases quietly drops
 * PostgreSQL when no server is configured; this fails the suite instead.
 */
/** @public */
export const REQUIRED_DATABASES: TestDatabaseId[] = ['POSTGRES_15', 'SQLITE_3'];

/**
 * TestDatabases for SQLite and PostgreSQL, failing the suite when an engine is
 * missing. Call it at the top of a test file.
 *
 * @public
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: REQUIRED_DATABASES });
  const missing = REQUIRED_DATABASES.filter(id => !databases.supports(id));
  beforeAll(() => {
    if (missing.length) {
      throw new Error(
        `Database engines not available: ${missing.join(
          ', ',
        )}; run the tests through scripts/test.sh, which starts PostgreSQL and exports BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING`,
      );
    }
  });
  return databases;
}
