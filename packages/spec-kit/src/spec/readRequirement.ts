import type { SpecRequirement } from '../types';

const requirementLine =
  /^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?\[?((?:FR|NFR|SC)(?:-[A-Z][A-Z0-9]*)*-\d+[a-z]?)\]?(?![\w-])(?:\*\*|__)?\s*(?:[:.\u2013\u2014-]\s*(?:\*\*|__)?)?\s*(.*)$/;

/**
 * Reads a requirement or success criterion defined at the start of a line:
 * `**FR-001**: text`, `FR-SPEC-006: text`, `- **SC-001**: text`,
 * `#### FR-WH-001: Title`, or a table row `| FR-001 | text |`.
 */
export function readRequirement(
  text: string,
  line: number,
): SpecRequirement | undefined {
  const row = /^\|(.*)\|?\s*$/.exec(text);
  if (row) {
    const cells = row[1]
      .split('|')
      .map(cell => cell.trim())
      .filter(Boolean);
    const id = cells.length > 0 ? requirementLine.exec(cells[0]) : null;
    if (!id || id[2].trim() !== '') return undefined;
    return { id: id[1], text: cells.slice(1).join(' | '), line };
  }
  const match = requirementLine.exec(text);
  if (!match) return undefined;
  return {
    id: match[1],
    text: match[2].replace(/^(?:\*\*|__)\s*|\s*(?:\*\*|__):?\s*$/g, '').trim(),
    line,
  };
}
