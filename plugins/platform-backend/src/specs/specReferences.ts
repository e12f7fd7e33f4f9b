/**
 * What commit messages and pull request titles say about specs:
 * conventional-commit scopes (`feat(user-auth): ...`, `fix(010,api): ...`)
 * and task ids (`T012`, `T002b`, ranges `T020-T025`).
 */
export interface SpecReferences {
  scopes: string[];
  taskIds: string[];
}

const CONVENTIONAL_SUBJECT = /^\s*(?:[*-]\s+)?[a-z]+\(([^)\n]+)\)!?:\s/gim;
const TASK_ID = /\bT(\d{3,4})([a-z]?)\b(?:\s*(?:-|–|\.\.)\s*T?(\d{3,4})\b)?/g;
// A range wider than this is a typo, not a batch of work.
const MAX_RANGE = 100;

export function parseSpecReferences(messages: string[]): SpecReferences {
  const scopes = new Set<string>();
  const taskIds = new Set<string>();
  for (const message of messages) {
    for (const match of message.matchAll(CONVENTIONAL_SUBJECT)) {
      for (const scope of match[1].split(/[,\s]+/)) {
        if (scope) scopes.add(scope.toLocaleLowerCase('en-US'));
      }
    }
    for (const match of message.matchAll(TASK_ID)) {
      const [, from, suffix, to] = match;
      if (to && !suffix) {
        const start = Number(from);
        const end = Number(to);
        if (end >= start && end - start <= MAX_RANGE) {
          for (let n = start; n <= end; n++) {
            taskIds.add(`T${String(n).padStart(from.length, '0')}`);
          }
          continue;
        }
      }
      taskIds.add(`T${from}${suffix}`);
    }
  }
  return { scopes: [...scopes], taskIds: [...taskIds] };
}

/**
 * Whether a scope names a spec folder: the full slug (`010-platform`), its
 * number (`010` or `10`), or the slug without its number (`platform`),
 * case-insensitive.
 */
export function scopeNamesSpec(
  scope: string,
  spec: { slug: string; number?: number },
): boolean {
  const slug = spec.slug.toLocaleLowerCase('en-US');
  const wanted = scope.toLocaleLowerCase('en-US');
  if (wanted === slug) return true;
  if (/^\d+$/.test(wanted)) {
    return spec.number !== undefined && Number(wanted) === spec.number;
  }
  const bare = slug.replace(/^(?:\d{8}-\d{6}|\d+)-/, '');
  return bare !== slug && wanted === bare;
}
