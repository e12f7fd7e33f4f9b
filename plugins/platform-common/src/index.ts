/**
 * Isomorphic types, permissions and API types of the Catalyst platform plugin.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './specs';
export * from './agentContext';
export * from './tasks';
export * from './conventions';
export * from './releases';
