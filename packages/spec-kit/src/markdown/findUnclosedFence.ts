import type { SourceSpan } from './scanBlocks';
import { nodeSource } from './sourceLines';

/**
 * The 1-based line of a fenced code block that is never closed (markdown then
 * reads the rest of the file as code), or undefined when it is closed or is
 * an indented block.
 */
export function findUnclosedFence(
  markdown: string,
  node: SourceSpan,
): number | undefined {
  const lines = nodeSource(markdown, node).split('\n');
  const open = /^\s*(`{3,}|~{3,})/.exec(lines[0]);
  if (!open) return undefined;
  const last = lines.length > 1 ? lines[lines.length - 1].trim() : '';
  const close = /^(`{3,}|~{3,})$/.exec(last);
  if (
    close &&
    close[1][0] === open[1][0] &&
    close[1].length >= open[1].length
  ) {
    return undefined;
  }
  return node.line;
}
