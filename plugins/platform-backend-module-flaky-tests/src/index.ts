/**
 * A module of the Catalyst platform backend: the `flaky_test` task type.
 *
 * @packageDocumentation
 */

export { platformModuleFlakyTests as default } from './module';
export { findKnownFlakyTests } from './findKnownFlakyTests';
