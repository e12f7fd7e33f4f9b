import type { SpecClarification } from '../types';

const marker = '[NEEDS CLARIFICATION:';

/**
 * Finds `[NEEDS CLARIFICATION: question]` markers with a plain string scan, so
 * it costs one pass over any file. Markers inside HTML comments are template
 * instructions, and `[NEEDS CLARIFICATION]` without a question (as in the
 * checklist line "No [NEEDS CLARIFICATION] markers remain") is a mention, not
 * a marker: both are left out.
 *
 * @public
 */
export function findClarifications(
  text: string,
  file: string,
): SpecClarification[] {
  const found: SpecClarification[] = [];
  let line = 1;
  let counted = 0;
  let nextComment = text.indexOf('<!--');
  let at = text.indexOf(marker);
  while (at !== -1) {
    while (nextComment !== -1 && nextComment < at) {
      const close = text.indexOf('-->', nextComment + 4);
      if (close === -1) return found;
      if (close > at) {
        at = text.indexOf(marker, close + 3);
        break;
      }
      nextComment = text.indexOf('<!--', close + 3);
    }
    if (at === -1) break;
    if (nextComment !== -1 && nextComment < at) continue;
    for (; counted < at; counted++) {
      if (text.charCodeAt(counted) === 10) line++;
    }
    const start = at + marker.length;
    const end = closingBracket(text, start);
    found.push({ text: text.slice(start, end).trim(), file, line });
    at = text.indexOf(marker, end);
  }
  return found;
}

/** Index of the `]` closing the marker, allowing nested brackets; stops at the line's end. */
function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) return i;
    if (char === 91) depth++;
    if (char === 93) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return text.length;
}
