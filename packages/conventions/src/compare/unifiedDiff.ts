type Edit = { op: ' ' | '-' | '+'; line: string; a: number; b: number };

const MAX_CELLS = 4_000_000;

function lineEdits(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  // Longest common subsequence table, from the end so the walk goes forwards.
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      edits.push({ op: ' ', line: a[i], a: i++, b: j++ });
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push({ op: '-', line: a[i], a: i++, b: j });
    } else {
      edits.push({ op: '+', line: b[j], a: i, b: j++ });
    }
  }
  return edits;
}

/**
 * A unified diff from `expected` to `actual` with `context` lines around each
 * change, cut after `maxLines` lines; empty when the texts are equal.
 *
 * @public
 */
export function unifiedDiff(
  expected: string,
  actual: string,
  options: {
    expectedName: string;
    actualName: string;
    context?: number;
    maxLines?: number;
  },
): string {
  if (expected === actual) return '';
  const context = options.context ?? 3;
  const maxLines = options.maxLines ?? 40;
  const a = expected.split('\n');
  const b = actual.split('\n');
  const header = [`--- ${options.expectedName}`, `+++ ${options.actualName}`];
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [...header, '@@ files too large for a line diff @@'].join('\n');
  }
  const edits = lineEdits(a, b);
  const changed = edits
    .map((edit, index) => (edit.op === ' ' ? -1 : index))
    .filter(index => index >= 0);
  const out = [...header];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k] - context);
    let end = Math.min(edits.length - 1, changed[k] + context);
    while (k + 1 < changed.length && changed[k + 1] - context <= end + 1) {
      k++;
      end = Math.min(edits.length - 1, changed[k] + context);
    }
    k++;
    const hunk = edits.slice(start, end + 1);
    const aCount = hunk.filter(edit => edit.op !== '+').length;
    const bCount = hunk.filter(edit => edit.op !== '-').length;
    out.push(
      `@@ -${hunk[0].a + (aCount ? 1 : 0)},${aCount} +${
        hunk[0].b + (bCount ? 1 : 0)
      },${bCount} @@`,
      ...hunk.map(edit => `${edit.op}${edit.line}`),
    );
  }
  if (out.length > maxLines) {
    return [
      ...out.slice(0, maxLines),
      `... ${out.length - maxLines} more lines`,
    ].join('\n');
  }
  return out.join('\n');
}
