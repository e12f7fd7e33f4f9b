import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The shared Spec Kit corpus (`shared/corpus/specs`), read in place: it sits
 * beside the repository's clone, or beside the folder that holds a worktree of
 * it, so it is looked for in each folder above this one.
 */
export function corpusRoot(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'shared', 'corpus', 'specs');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      return join(__dirname, '../../../../../shared/corpus/specs');
    }
    dir = parent;
  }
}
