/**
 * Isomorphic types, permissions and PromQL/LogQL scoping of the Catalyst observability
 * plugin.
 *
 * @packageDocumentation
 */

export * from './matchers';
export * from './scoping';
export * from './permissions';
export * from './api';
