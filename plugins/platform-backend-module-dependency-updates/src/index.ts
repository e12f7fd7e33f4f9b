/**
 * A module of the Catalyst platform backend: the `dependency_update` task
 * type for npm and Go dependencies.
 *
 * @packageDocumentation
 */

export { platformModuleDependencyUpdates as default } from './module';
export { refreshLockfile } from './executor/refreshLockfile';
export type { RefreshLockfile } from './executor/refreshLockfile';
