import type { SourceSpan } from './scanBlocks';
import { nodeSource } from './sourceLines';

/** A heading's text as written, without the `#` markers or a setext underline. */
export function headingText(markdown: string, heading: SourceSpan): string {
  const source = nodeSource(markdown, heading);
  if (!source.startsWith('#')) {
    return source
      .replace(/\n[ \t]*[=-]+[ \t]*$/, '')
      .replace(/\s*\n\s*/g, ' ')
      .trim();
  }
  return source
    .replace(/^#{1,6}[ \t]*/, '')
    .replace(/[ \t]+#+[ \t]*$/, '')
    .trim();
}
