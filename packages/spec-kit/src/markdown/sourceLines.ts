import type { Node } from 'unist';

/** The source text a node was parsed from. */
export function nodeSource(markdown: string, node: Node): string {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return markdown.slice(start, end);
}

/**
 * The lines of a node's source, trimmed, each with its 1-based line number.
 * Blockquote markers on continuation lines are dropped.
 */
export function nodeLines(
  markdown: string,
  node: Node,
): Array<{ text: string; line: number }> {
  const first = node.position?.start.line ?? 1;
  return nodeSource(markdown, node)
    .split('\n')
    .map((text, index) => ({
      text: (index === 0 ? text : text.replace(/^\s*(?:>\s?)*/, '')).trim(),
      line: first + index,
    }));
}

/** The first line of a node's source, trimmed. */
export function nodeFirstLine(markdown: string, node: Node): string {
  const source = nodeSource(markdown, node);
  const end = source.indexOf('\n');
  return (end === -1 ? source : source.slice(0, end)).trim();
}
