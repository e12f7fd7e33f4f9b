/** Replaces `query.slice(from, to)` with `insert`; offsets refer to the original text. */
export type TextEdit = { from: number; to: number; insert: string };

/** Applies non-overlapping edits, keeping every character no edit touches. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  let result = '';
  let cursor = 0;
  for (const edit of ordered) {
    if (edit.from < cursor) {
      throw new Error(
        `Overlapping text edits at offset ${edit.from}; this is a bug in the query scoper`,
      );
    }
    result += text.slice(cursor, edit.from) + edit.insert;
    cursor = edit.to;
  }
  return result + text.slice(cursor);
}
