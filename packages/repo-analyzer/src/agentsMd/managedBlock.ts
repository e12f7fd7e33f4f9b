import { CATALYST_BLOCK_BEGIN, CATALYST_BLOCK_END } from './renderAgentContext';

/** Where Catalyst's block sits in an AGENTS.md, by line index (0-based, inclusive). */
export interface BlockLocation {
  begin: number;
  end: number;
}

const isBegin = (line: string) => line.trim() === CATALYST_BLOCK_BEGIN;
const isEnd = (line: string) => line.trim() === CATALYST_BLOCK_END;

/**
 * Finds Catalyst's managed block. Throws when the markers are unbalanced,
 * since rewriting would then lose text a human wrote.
 */
export function locateCatalystBlock(
  lines: string[],
): BlockLocation | undefined {
  const begin = lines.findIndex(isBegin);
  const end = lines.findIndex(isEnd);
  if (begin === -1 && end === -1) return undefined;
  if (begin === -1 || end === -1 || end < begin) {
    const line = (begin === -1 ? end : begin) + 1;
    throw new Error(
      `AGENTS.md line ${line}: ${
        begin === -1 ? CATALYST_BLOCK_END : CATALYST_BLOCK_BEGIN
      } has no matching ${
        begin === -1 ? CATALYST_BLOCK_BEGIN : CATALYST_BLOCK_END
      }; fix the markers by hand`,
    );
  }
  if (
    lines.slice(begin + 1).some(isBegin) &&
    lines.findIndex((l, i) => i > begin && isBegin(l)) < end
  ) {
    throw new Error(
      `AGENTS.md line ${
        begin + 1
      }: nested ${CATALYST_BLOCK_BEGIN} markers; fix the markers by hand`,
    );
  }
  return { begin, end };
}

/** The text of Catalyst's block in an existing AGENTS.md (markers included), or undefined. */
export function extractCatalystBlock(existing: string): string | undefined {
  const lines = existing.replace(/\r\n/g, '\n').split('\n');
  const location = locateCatalystBlock(lines);
  return location
    ? lines.slice(location.begin, location.end + 1).join('\n')
    : undefined;
}

/**
 * Puts the rendered block into an AGENTS.md: replaces Catalyst's block in
 * place, or appends it after what humans wrote. Every other line (other
 * tools' managed blocks such as Spec Kit's included) is kept byte for byte,
 * line endings too. With no file, makes one with a title.
 *
 * @public
 */
export function upsertCatalystBlock(
  existing: string | undefined,
  block: string,
): string {
  if (existing === undefined || existing.trim() === '') {
    return `# AGENTS.md\n\n${block}\n`;
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split(/\r?\n/);
  const blockLines = block.split('\n');
  const location = locateCatalystBlock(lines);
  if (location) {
    lines.splice(
      location.begin,
      location.end - location.begin + 1,
      ...blockLines,
    );
    return lines.join(eol);
  }
  const endsWithNewline = existing.endsWith('\n');
  const body = endsWithNewline
    ? existing.slice(0, existing.length - eol.length)
    : existing;
  return `${body}${eol}${eol}${blockLines.join(eol)}${eol}`;
}
