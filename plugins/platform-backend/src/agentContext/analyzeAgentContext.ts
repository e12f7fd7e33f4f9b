import { ConflictError } from '@backstage/errors';
import {
  AGENT_CONTEXT_FORMAT,
  analyzeRepository,
  CATALYST_BLOCK_BEGIN,
  CATALYST_BLOCK_END,
  compareAgentsMd,
  generateAgentsMd,
} from '@catalyst/repo-analyzer';
import { version as repoAnalyzerVersion } from '@catalyst/repo-analyzer/package.json';
import { createHash } from 'node:crypto';
import { AgentContextAnalysis } from './AgentContextStore';
import type { Checkout } from '@catalyst/plugin-platform-node';
import { explainAgentsMd } from './explainAgentsMd';
import { projectCommands } from './projectCommands';

/** The name of the file at the repository root that Catalyst maintains. */
export const AGENTS_MD_PATH = 'AGENTS.md';

/**
 * Bump when the analysis below (with `explainAgentsMd` and
 * `projectCommands`) gives something else for the same checkout.
 */
const AGENT_CONTEXT_ANALYSIS_REVISION = 1;

/**
 * The version of the analysis a stored context came from. A context analysed
 * at the branch head under this version is not analysed again: the analysis,
 * the renderer's format (`AGENT_CONTEXT_FORMAT`) and the repo-analyzer
 * release (its package version, which changesets bump) are all in it, so a
 * change to any of them has every component analysed once more.
 */
export const AGENT_CONTEXT_ANALYZER_VERSION = `${AGENT_CONTEXT_ANALYSIS_REVISION}.${AGENT_CONTEXT_FORMAT}+repo-analyzer.${repoAnalyzerVersion}`;

/** sha256 of the committed block's text, for a block that says something else than the facts. */
function blockTextHash(committed: string): string | undefined {
  const lines = committed
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map(l => l.trim());
  const begin = lines.indexOf(CATALYST_BLOCK_BEGIN);
  const end = lines.indexOf(CATALYST_BLOCK_END);
  if (begin === -1 || end < begin) return undefined;
  return createHash('sha256')
    .update(lines.slice(begin, end + 1).join('\n'))
    .digest('hex');
}

/**
 * Analyses a checkout and compares the AGENTS.md it holds with the one
 * Catalyst would write. The context is stale when the committed block says
 * something else than a fresh analysis (`compareAgentsMd`: lines compared
 * as sets, whitespace and table padding ignored) or when there is no block.
 * `committedHash` is then the hash of the committed block's text; when the
 * block is fresh it equals the significant-facts hash.
 */
export async function analyzeAgentContext(
  checkout: Pick<Checkout, 'dir' | 'source' | 'readFile'>,
): Promise<AgentContextAnalysis> {
  const facts = await analyzeRepository(checkout.dir);
  // Through the checkout's guarded reader: an AGENTS.md linked out of the repository is refused.
  const committed = await checkout.readFile(AGENTS_MD_PATH);
  let generated;
  try {
    generated = generateAgentsMd(facts, committed);
  } catch (error) {
    throw new ConflictError(
      `The repository's AGENTS.md cannot be updated: ${
        (error as Error).message
      }`,
    );
  }
  const comparison = compareAgentsMd(committed, generated.block);
  return {
    factsHash: generated.factsHash,
    content: generated.content,
    stale: !comparison.fresh,
    committedHash: comparison.fresh
      ? generated.factsHash
      : blockTextHash(committed ?? ''),
    committedContent: committed,
    staleReason: comparison.reason,
    changes: { added: comparison.added, removed: comparison.removed },
    lines: explainAgentsMd(facts, generated.context, generated.content),
    commands: projectCommands(facts, generated.context),
    diagnostics: facts.diagnostics.map(d => ({
      severity: d.severity,
      message: d.message,
      file: d.file,
      line: d.line,
    })),
    source: { ...checkout.source, commit: facts.git.head },
  };
}
