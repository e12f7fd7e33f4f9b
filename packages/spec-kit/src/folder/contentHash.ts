import { createHash, hash as oneShotHash } from 'node:crypto';
import type { SpecFile } from '../types';

/** sha256 of a file's content, hex; one-shot, without a Hash object per file. */
export function sha256Hex(content: Uint8Array): string {
  return oneShotHash('sha256', content, 'hex');
}

/**
 * sha256 over the folder's sorted (path, sha256) pairs. Files that were not
 * read count by their size, so a skipped file that grows changes the hash.
 */
export function folderContentHash(files: SpecFile[]): string {
  const hash = createHash('sha256');
  const sorted = files.every(
    (file, i) => i === 0 || byPath(files[i - 1], file) < 0,
  )
    ? files
    : [...files].sort(byPath);
  for (const file of sorted) {
    hash.update(`${file.path}\0${file.sha256 ?? `unread:${file.size}`}\n`);
  }
  return hash.digest('hex');
}

/** Orders by path in code-unit order, the same on every machine and locale. */
export function byPath(a: { path: string }, b: { path: string }): number {
  if (a.path < b.path) return -1;
  return a.path > b.path ? 1 : 0;
}
