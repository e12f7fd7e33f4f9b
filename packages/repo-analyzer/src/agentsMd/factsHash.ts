import { createHash } from 'node:crypto';
import { RepoFacts } from '../types';
import { AgentContext } from './AgentContext';
import { buildAgentContext } from './buildAgentContext';

/**
 * The version of what the renderer says for the same facts: bumped when that
 * changes, which changes every significant-facts hash.
 *
 * @public
 */
export const AGENT_CONTEXT_FORMAT = 1;

/** JSON with sorted keys, so equal values always serialise the same. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => Number(a > b) - Number(a < b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * sha256 (hex) of the significant facts: exactly what the AGENTS.md block
 * states, not the files it came from. A typo fixed in a README, a new source
 * file or a reordered package.json leaves it unchanged; a new script, a
 * changed formatter setting or a new active spec changes it.
 *
 * @public
 */
export function significantFactsHash(input: RepoFacts | AgentContext): string {
  const context = 'schemaVersion' in input ? buildAgentContext(input) : input;
  return createHash('sha256')
    .update(
      `catalyst-agent-context/${AGENT_CONTEXT_FORMAT}\n${stableStringify(
        context,
      )}`,
    )
    .digest('hex');
}
