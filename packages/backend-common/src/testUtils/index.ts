export { createTestDatabases, REQUIRED_DATABASES } from './createTestDatabases';
export { freePort } from './freePort';
