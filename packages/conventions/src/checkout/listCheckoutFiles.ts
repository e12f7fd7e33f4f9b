import { promises as fs } from 'node:fs';
import { join as joinPath } from 'node:path';

/** Directories that are never part of a project's own files. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * Lists a checkout's files as POSIX paths relative to its root, leaving out
 * VCS and dependency folders and whatever `isIgnored` rejects.
 */
export async function listCheckoutFiles(
  repoDir: string,
  isIgnored: (path: string) => boolean,
): Promise<string[]> {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const entries = await fs.readdir(joinPath(repoDir, dir), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(`${path}/`)) {
          pending.push(path);
        }
      } else if (entry.isFile() && !isIgnored(path)) {
        files.push(path);
      }
    }
  }
  return files.sort();
}
