import { TextEdit } from './textEdits';

/** One entry of a `{...}` matcher list, and whether scoping drops it. */
export type MatcherListItem = { from: number; to: number; remove: boolean };

/** Finds the separating comma between two list items, skipping `#` line comments. */
function findComma(text: string, from: number, to: number): number {
  for (let i = from; i < to; i += 1) {
    if (text[i] === '#') {
      while (i < to && text[i] !== '\n') i += 1;
    } else if (text[i] === ',') {
      return i;
    }
  }
  return -1;
}

const blank = /^\s*$/;

/**
 * Edits that remove the dropped items of the matcher list whose closing brace is at
 * `close` and append `scopeText` to it, leaving every other character (comments
 * included) where it was.
 */
export function matcherListEdits(
  text: string,
  close: number,
  items: MatcherListItem[],
  scopeText: string,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const ends = items.map((_item, i) =>
    i + 1 < items.length ? items[i + 1].from : close,
  );
  const commas = items.map((item, i) => findComma(text, item.to, ends[i]));
  items.forEach((item, i) => {
    if (!item.remove) return;
    const comma = commas[i];
    if (comma < 0) {
      const end = blank.test(text.slice(item.to, ends[i])) ? ends[i] : item.to;
      edits.push({ from: item.from, to: end, insert: '' });
    } else if (blank.test(text.slice(item.to, ends[i]).replace(',', ''))) {
      edits.push({ from: item.from, to: ends[i], insert: '' });
    } else {
      edits.push({ from: item.from, to: item.to, insert: '' });
      edits.push({ from: comma, to: comma + 1, insert: '' });
    }
  });
  const lastKept = items.reduce(
    (last, item, i) => (item.remove ? last : i),
    -1,
  );
  let separator = '';
  if (lastKept >= 0 && commas[lastKept] < 0) {
    separator = ', ';
  } else if (lastKept >= 0 && text[close - 1] === ',') {
    separator = ' ';
  }
  edits.push({ from: close, to: close, insert: separator + scopeText });
  return edits;
}
