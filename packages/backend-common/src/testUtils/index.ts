export { createTestDatabases, REQUIRED_DATABASES } from './createTestDatabases';
