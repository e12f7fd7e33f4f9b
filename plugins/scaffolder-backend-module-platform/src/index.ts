/**
 * Scaffolder actions of the Catalyst platform.
 *
 * @packageDocumentation
 */

export { scaffolderModulePlatform as default } from './module';
export {
  AGENTS_MD_GENERATE_ACTION_ID,
  createAgentsMdGenerateAction,
} from './actions/agentsMdGenerate';
export {
  CONVENTIONS_FIX_ACTION_ID,
  createConventionsFixAction,
} from './actions/conventionsFix';
export {
  CONVENTIONS_SCAFFOLD_ACTION_ID,
  createConventionsScaffoldAction,
} from './actions/conventionsScaffold';
