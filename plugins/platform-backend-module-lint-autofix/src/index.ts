/**
 * A module of the Catalyst platform backend: the `lint_autofix` task type,
 * and the fixers other task types (`ci_repair`) run.
 *
 * @packageDocumentation
 */

export { platformModuleLintAutofix as default } from './module';
export { detectLintFixers, describeLintFixer } from './detectLintFixers';
export type { LintFixer, LintFixerInputs } from './detectLintFixers';
export { installLockedDependencies, runLintFixers } from './runLintFixers';
export type { InstallDependencies, LintFixersRun } from './runLintFixers';
