import type { AgentContextDiffLine } from '@catalyst/plugin-platform-common';

// Beyond this many cells the table would cost more memory than an AGENTS.md deserves.
const MAX_TABLE_CELLS = 4_000_000;

function split(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Line diff from the committed AGENTS.md to the generated one (longest
 * common subsequence), with the line numbers on both sides, for showing
 * added and removed lines.
 */
export function diffLines(
  committed: string | undefined,
  generated: string,
): AgentContextDiffLine[] {
  const a = split(committed);
  const b = split(generated);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: AgentContextDiffLine[] = [];
  const same = (i: number, j: number) =>
    out.push({
      type: 'unchanged',
      text: a[i],
      committedLine: i + 1,
      generatedLine: j + 1,
    });
  const removed = (i: number) =>
    out.push({ type: 'removed', text: a[i], committedLine: i + 1 });
  const added = (j: number) =>
    out.push({ type: 'added', text: b[j], generatedLine: j + 1 });

  for (let i = 0; i < start; i++) same(i, i);
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    for (let i = start; i < endA; i++) removed(i);
    for (let j = start; j < endB; j++) added(j);
  } else {
    // lcs[i][j]: longest common subsequence of a[start+i..endA) and b[start+j..endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        same(start + i++, start + j++);
      } else if (
        i < n &&
        (j === m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
      ) {
        removed(start + i++);
      } else {
        added(start + j++);
      }
    }
  }
  for (let k = 0; endA + k < a.length; k++) same(endA + k, endB + k);
  return out;
}
