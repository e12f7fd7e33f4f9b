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
