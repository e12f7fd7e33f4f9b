/**
 * Small pieces shared by Catalyst's backend plugins.
 *
 * @packageDocumentation
 */

export { parseInput } from './parseInput';
export { entityRefFromParams } from './entityRefFromParams';
export { normalizeEntityRef } from './normalizeEntityRef';
export { requirePermission } from './requirePermission';
export type { RequirePermissionOptions } from './requirePermission';
export { connectAndMigrate } from './connectAndMigrate';
export { pluginRequester } from './pluginRequester';
