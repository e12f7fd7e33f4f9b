import {
  closeSync,
  Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  Stats,
  statSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import type { SpecDiagnostic } from '../types';
import {
  MAX_SPEC_FILE_SIZE,
  SkippedSpecSourceFile,
  SpecSourceFile,
  tooLargeMessage,
} from '../folder/parseSpecFolder';
import {
  isArchiveFolderName,
  isIgnoredName,
  isSpecFolder,
  isSpecKitDocumentName,
} from '../folder/specFolderName';
import { describeError, errorCode } from './describeFsError';

/** A file of a spec folder as read from disk, or why it was not. */
export type FolderEntry = SpecSourceFile | SkippedSpecSourceFile;

/** A file of a spec folder found on disk and not read yet: where it is and its stat. */
export interface ListedFile {
  path: string;
  target: string;
  stat: Stats;
}

/** A file of a spec folder as listed, or why it will not be read. */
export type ListedEntry = ListedFile | SkippedSpecSourceFile;

/** Walks the specs tree; problems go to `diagnostics` or become skipped entries. */
export class SpecsTreeWalker {
  /** Listings read to tell a spec folder, kept until the folder's files are listed. */
  private readonly listings = new Map<string, Dirent[]>();

  constructor(
    private readonly rootReal: string,
    private readonly diagnostics: SpecDiagnostic[],
  ) {}

  isInside(real: string): boolean {
    return real === this.rootReal || real.startsWith(this.rootReal + sep);
  }

  /** Spec folders below `abs`, in path order, looking through non-spec folders such as `_archive`. */
  findSpecFolders(
    abs: string,
    rel: string,
    archived = false,
    visited = new Set<string>([realpathSync(abs)]),
  ): Array<{ abs: string; rel: string; archived: boolean }> {
    const found: Array<{ abs: string; rel: string; archived: boolean }> = [];
    for (const entry of this.list(abs, rel)) {
      if (isIgnoredName(entry.name)) continue;
      const childAbs = join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const link = this.followLink(childAbs, childRel);
        if (!('real' in link)) {
          this.diagnostics.push({
            file: childRel,
            severity: link.severity,
            message: link.message,
          });
          continue;
        }
        isDir = link.stat.isDirectory();
        if (isDir && visited.has(link.real)) continue;
        if (isDir) visited.add(link.real);
      }
      if (!isDir) continue;
      // A conventional name is enough; any other folder is listed to find out.
      if (
        isSpecFolder(entry.name, false) ||
        isSpecFolder(entry.name, this.holdsDocuments(childAbs))
      ) {
        found.push({ abs: childAbs, rel: childRel, archived });
      } else {
        found.push(
          ...this.findSpecFolders(
            childAbs,
            childRel,
            archived || isArchiveFolderName(entry.name),
            visited,
          ),
        );
      }
    }
    return found;
  }

  /** Lists (stats, does not read) every file below a spec folder into `entries`, paths relative to the folder. */
  listFiles(
    abs: string,
    rel: string,
    entries: ListedEntry[],
    visited: Set<string>,
  ) {
    let list: Dirent[];
    try {
      list =
        this.listings.get(abs) ?? readdirSync(abs, { withFileTypes: true });
      this.listings.delete(abs);
    } catch (error) {
      entries.push(
        unreadable(rel, `Cannot read folder: ${describeError(error)}`),
      );
      return;
    }
    for (const entry of list) {
      if (isIgnoredName(entry.name)) continue;
      const childAbs = join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      let target = childAbs;
      let isDir = entry.isDirectory();
      let isRegularFile = entry.isFile();
      let stat: Stats | undefined;
      if (entry.isSymbolicLink()) {
        const link = this.followLink(childAbs, childRel);
        if (!('real' in link)) {
          entries.push({ path: childRel, ...link });
          continue;
        }
        if (link.stat.isDirectory() && visited.has(link.real)) continue;
        target = link.real;
        stat = link.stat;
        isDir = link.stat.isDirectory();
        isRegularFile = link.stat.isFile();
        if (isDir) visited.add(link.real);
      }
      if (isDir) {
        this.listFiles(target, childRel, entries, visited);
      } else if (isRegularFile) {
        try {
          entries.push({
            path: childRel,
            target,
            stat: stat ?? statSync(target),
          });
        } catch (error) {
          entries.push(
            unreadable(childRel, `Cannot read file: ${describeError(error)}`),
          );
        }
      }
    }
  }

  /** Whether a folder directly holds spec.md, plan.md or tasks.md (an unreadable one is read again, with its errors, when searched). */
  private holdsDocuments(abs: string): boolean {
    let list: Dirent[];
    try {
      list = readdirSync(abs, { withFileTypes: true });
    } catch {
      // An unreadable folder is reported by list() when it is searched.
      return false;
    }
    if (!list.some(entry => isSpecKitDocumentName(entry.name))) return false;
    // A spec folder: listFiles reads this listing instead of the folder again.
    this.listings.set(abs, list);
    return true;
  }

  private list(abs: string, rel: string): Dirent[] {
    try {
      return readdirSync(abs, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      );
    } catch (error) {
      this.diagnostics.push({
        file: rel || '.',
        severity: 'error',
        message: `Cannot read folder: ${describeError(error)}`,
      });
      return [];
    }
  }

  private followLink(
    abs: string,
    rel: string,
  ): { real: string; stat: Stats } | Omit<SkippedSpecSourceFile, 'path'> {
    const size = lstatSync(abs).size;
    let real: string;
    try {
      real = realpathSync(abs);
    } catch (error) {
      return {
        size,
        skipped: 'unreadable',
        severity: 'warning',
        message: `Broken link (${errorCode(error)}); skipped`,
      };
    }
    if (!this.isInside(real)) {
      return {
        size,
        skipped: 'outside-tree',
        severity: 'warning',
        message: `Link to ${readlinkSync(abs)} leaves the directory; skipped`,
      };
    }
    try {
      return { real, stat: statSync(real) };
    } catch (error) {
      return {
        size,
        skipped: 'unreadable',
        severity: 'error',
        message: `Cannot read ${rel}: ${describeError(error)}`,
      };
    }
  }
}

/** Reads a listed file (unless it is over the size limit, found without reading it); a skipped entry stays as it is. */
export function readListed(entry: ListedEntry): FolderEntry {
  return 'target' in entry ? readEntry(entry.target, entry.path) : entry;
}

/** Reads a file unless it is over the size limit, without reading it first to find out. */
function readEntry(abs: string, rel: string): FolderEntry {
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_SPEC_FILE_SIZE) {
      return {
        path: rel,
        size,
        skipped: 'too-large',
        severity: 'warning',
        message: tooLargeMessage(size),
      };
    }
    const content = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const count = readSync(fd, content, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return { path: rel, content: content.subarray(0, read) };
  } catch (error) {
    return unreadable(rel, `Cannot read file: ${describeError(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function unreadable(path: string, message: string): SkippedSpecSourceFile {
  return { path, size: 0, skipped: 'unreadable', severity: 'error', message };
}
