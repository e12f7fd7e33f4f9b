/**
 * Node library of the Catalyst platform plugin, shared by its backend and the
 * catalog and TechDocs modules.
 *
 * @packageDocumentation
 */

export * from './specs';
export * from './github';
export * from './tasks';
export * from './conventions';
