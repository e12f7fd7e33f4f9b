import { extractCatalystBlock } from './managedBlock';
import { CATALYST_TOOLS_HEADING } from './renderAgentContext';

/**
 * Whether a committed AGENTS.md block says the same as a freshly generated
 * one, and what differs.
 *
 * @public
 */
export interface AgentsMdComparison {
  fresh: boolean;
  /** Lines the generated block has and the committed one lacks (normalised). */
  added: string[];
  /** Lines the committed block has and the generated one lacks (normalised). */
  removed: string[];
  /** Set when there is nothing to compare: no file, no block, broken markers. */
  reason?: string;
}

/**
 * One line as it matters: trimmed, single-spaced, table cells trimmed,
 * table separator rows and bullet characters made uniform. So `prettier`
 * padding a table, or `*` instead of `-`, is not a difference.
 */
export function normaliseLine(line: string): string {
  let text = line.trim().replace(/\s+/g, ' ');
  if (/^\|.*\|$/.test(text)) {
    const cells = text
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map(c => c.trim());
    if (cells.every(c => /^:?-{3,}:?$/.test(c)))
      return `|${cells.map(() => '---').join('|')}|`;
    text = `| ${cells.join(' | ')} |`;
  }
  return text.replace(/^[*+] /, '- ');
}

/**
 * The block's lines, normalised, without the "Catalyst tools" section: where
 * the portal is says nothing about the repository, so a block generated with
 * or without a portal URL is not stale for it.
 */
function normalisedLines(block: string): string[] {
  const out: string[] = [];
  let inTools = false;
  for (const raw of block.split('\n')) {
    const line = normaliseLine(raw);
    if (line.startsWith('## ') || line.startsWith('<!--'))
      inTools = line === CATALYST_TOOLS_HEADING;
    if (line && !inTools) out.push(line);
  }
  return out;
}

function difference(from: string[], minus: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of minus) counts.set(line, (counts.get(line) ?? 0) + 1);
  const out: string[] = [];
  for (const line of from) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else out.push(line);
  }
  return out;
}

/**
 * Compares the committed AGENTS.md (its Catalyst block) with the block that
 * would be generated now. Order of lines does not matter, whitespace and
 * Markdown formatting noise do not matter; any line added or removed does.
 *
 * @public
 */
export function compareAgentsMd(
  committed: string | undefined,
  generatedBlock: string,
): AgentsMdComparison {
  const generated = normalisedLines(generatedBlock);
  if (committed === undefined)
    return {
      fresh: false,
      added: generated,
      removed: [],
      reason: 'AGENTS.md does not exist',
    };
  let block: string | undefined;
  try {
    block = extractCatalystBlock(committed);
  } catch (error) {
    return {
      fresh: false,
      added: generated,
      removed: [],
      reason: (error as Error).message,
    };
  }
  if (block === undefined)
    return {
      fresh: false,
      added: generated,
      removed: [],
      reason: 'AGENTS.md has no catalyst block',
    };
  const current = normalisedLines(block);
  const added = difference(generated, current);
  const removed = difference(current, generated);
  return { fresh: added.length === 0 && removed.length === 0, added, removed };
}
