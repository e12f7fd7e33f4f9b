import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

// A spec folder comes from a repository: its size is bounded before it is
// hashed, copied or rendered.
const MAX_FILES = 500;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

// Part of every etag: a change to how sites are laid out rebuilds them once.
const SITE_LAYOUT_VERSION = 'catalyst-spec-site/3';

/** One file of a spec folder, by its slash-separated path in the folder. */
export interface SpecFile {
  path: string;
  size: number;
}

/**
 * Lists the regular files of a spec folder, sorted by path. Symlinks are
 * skipped (they may point out of the repository); folders over the bounds
 * are refused.
 */
export async function listSpecFiles(dir: string): Promise<SpecFile[]> {
  const out: SpecFile[] = [];
  let total = 0;
  const walk = async (folder: string, prefix: string) => {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(folder, entry.name);
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(full, path);
      } else if (entry.isFile()) {
        const { size } = await fs.stat(full);
        total += size;
        out.push({ path, size });
        if (out.length > MAX_FILES || total > MAX_TOTAL_BYTES) {
          throw new InputError(
            `Spec folder is too large to render: more than ${MAX_FILES} files or ${
              MAX_TOTAL_BYTES / 1024 / 1024
            } MiB`,
          );
        }
      }
    }
  };
  await walk(dir, '');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * The identity of a spec site: a hash of the folder's file paths and
 * contents. Nothing about the entity (uid, refresh state, timestamps) goes
 * in, so a site is rebuilt only when its documents change.
 */
export async function hashSpecFolder(dir: string): Promise<string> {
  return hashFolder(dir, SITE_LAYOUT_VERSION);
}

/** A hash of `salt` and the paths and contents of a bounded folder. */
export async function hashFolder(dir: string, salt: string): Promise<string> {
  const hash = createHash('sha256').update(salt);
  for (const file of await listSpecFiles(dir)) {
    const content = await fs.readFile(join(dir, file.path));
    hash.update(`\0${file.path}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}
