/**
 * Node library of the Catalyst platform plugin, shared by its backend, its
 * task modules and the catalog and TechDocs modules: extension points, the
 * checkout service and the GitHub clients.
 *
 * @packageDocumentation
 */

export * from './specs';
export * from './github';
export * from './tasks';
export * from './conventions';
export * from './checkouts';
