/**
 * Reads a checkout (files and git history) into facts with their sources, and
 * renders the short AGENTS.md that coding agents need.
 *
 * @packageDocumentation
 */

export * from './types';
export { analyzeRepository } from './analyzeRepository';
export type { AnalyzeRepositoryOptions } from './analyzeRepository';
export type {
  AgentContext,
  AgentCommandRow,
  AgentConventionLine,
  AgentLayoutRow,
  AgentSpecLine,
} from './agentsMd/AgentContext';
export { buildAgentContext } from './agentsMd/buildAgentContext';
export {
  renderAgentContext,
  DEFAULT_AGENTS_MD_MAX_LINES,
  CATALYST_BLOCK_BEGIN,
  CATALYST_BLOCK_END,
  CATALYST_TOOLS_HEADING,
  catalystMcpEndpoint,
} from './agentsMd/renderAgentContext';
export type {
  CatalystPortalLink,
  RenderAgentContextOptions,
} from './agentsMd/renderAgentContext';
export {
  isPortalUrl,
  readCatalystPortalLink,
} from './agentsMd/readCatalystPortalLink';
export {
  AGENT_CONTEXT_FORMAT,
  significantFactsHash,
} from './agentsMd/factsHash';
export { upsertCatalystBlock } from './agentsMd/managedBlock';
export { compareAgentsMd } from './agentsMd/compareAgentsMd';
export type { AgentsMdComparison } from './agentsMd/compareAgentsMd';
export { generateAgentsMd } from './agentsMd/generateAgentsMd';
export type { GeneratedAgentsMd } from './agentsMd/generateAgentsMd';
