/**
 * A module of the Catalyst platform backend: the `lint_autofix` task type.
 *
 * @packageDocumentation
 */

export { platformModuleLintAutofix as default } from './module';
