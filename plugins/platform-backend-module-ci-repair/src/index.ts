/**
 * A module of the Catalyst platform backend: the `ci_repair` task type,
 * which repairs Catalyst's chore pull requests whose checks failed.
 *
 * @packageDocumentation
 */

export { platformModuleCiRepair as default } from './module';
export { CiRepairExecutor } from './CiRepairExecutor';
export { classifyCheckFailure } from './classifyCheckFailure';
export type {
  CheckFailure,
  CheckFailureKind,
  FailedCheck,
} from './classifyCheckFailure';
export { readCiRepairConfig } from './readCiRepairConfig';
export type { CiRepairConfig } from './readCiRepairConfig';
