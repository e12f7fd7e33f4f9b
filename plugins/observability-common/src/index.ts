/**
 * Isomorphic types, permissions and PromQL/LogQL scoping of the Catalyst observability
 * plugin.
 *
 * @packageDocumentation
 */

export * from './queryScoping';
export * from './permissions';
export * from './api';
export * from './entityScope';
