import { createHash } from 'node:crypto';
import type { SpecFile } from '../types';

/** sha256 of a file's content, hex. */
export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * sha256 over the folder's sorted (path, sha256) pairs. Files that were not
 * read count by their size, so a skipped file that grows changes the hash.
 */
export function folderContentHash(files: SpecFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort(byPath)) {
    hash.update(`${file.path}\0${file.sha256 ?? `unread:${file.size}`}\n`);
  }
  return hash.digest('hex');
}

/** Orders by path in code-unit order, the same on every machine and locale. */
export function byPath(a: { path: string }, b: { path: string }): number {
  if (a.path < b.path) return -1;
  return a.path > b.path ? 1 : 0;
}
