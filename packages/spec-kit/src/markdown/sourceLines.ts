import type { SourceSpan } from './scanBlocks';

/** The source text a block was read from. */
export function nodeSource(markdown: string, span: SourceSpan): string {
  return markdown.slice(span.start, span.end);
}

/**
 * The lines of a block's source, trimmed, each with its 1-based line number.
 * Blockquote markers on continuation lines are dropped.
 */
export function nodeLines(
  markdown: string,
  span: SourceSpan,
): Array<{ text: string; line: number }> {
  return nodeSource(markdown, span)
    .split('\n')
    .map((text, index) => ({
      text: (index === 0 ? text : text.replace(/^\s*(?:>\s?)*/, '')).trim(),
      line: span.line + index,
    }));
}
