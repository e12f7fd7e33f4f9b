import { RepoFacts } from '../types';
import { AgentContext } from './AgentContext';
import { buildAgentContext } from './buildAgentContext';
import { significantFactsHash } from './factsHash';
import { upsertCatalystBlock } from './managedBlock';
import {
  renderAgentContext,
  RenderAgentContextOptions,
} from './renderAgentContext';

/**
 * A generated AGENTS.md: the whole file, Catalyst's block, the context it
 * states and the hash of that context.
 *
 * @public
 */
export interface GeneratedAgentsMd {
  content: string;
  block: string;
  context: AgentContext;
  factsHash: string;
}

/**
 * Generates AGENTS.md for a repository's facts, keeping everything in the
 * existing file outside Catalyst's block as it is.
 *
 * @public
 */
export function generateAgentsMd(
  facts: RepoFacts,
  existing?: string,
  options: RenderAgentContextOptions = {},
): GeneratedAgentsMd {
  const context = buildAgentContext(facts);
  const block = renderAgentContext(context, options);
  return {
    content: upsertCatalystBlock(existing, block),
    block,
    context,
    factsHash: significantFactsHash(context),
  };
}
