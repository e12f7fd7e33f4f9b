import {
  readdirSync,
  readFileSync,
  realpathSync,
  Stats,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { SpecDiagnostic, SpecFolder, SpecIndex } from '../types';
import { parseSpecFolder } from '../folder/parseSpecFolder';
import { decodeUtf8 } from '../folder/decodeText';
import { describeError, errorCode } from './describeFsError';
import { ListedEntry, readListed, SpecsTreeWalker } from './SpecsTreeWalker';
import { previousFolders } from '../indexing/previousFolders';
import {
  parseSpecFolderName,
  unconventionalFolderDiagnostic,
} from '../folder/specFolderName';
import {
  DEFAULT_SPECS_PATH,
  normalizeSpecsPath,
  readSpecsConfig,
} from '../config/readSpecsConfig';

/** @public */
export interface ReadSpecsOptions {
  /**
   * Where spec folders live, relative to `dir`. By default `specs.path` from
   * `dir/catalyst.yaml`, else `specs` when `dir` has a specs folder, else
   * `dir` itself is the specs folder.
   */
  specsPath?: string;
  /**
   * The last index of the same directory: folders whose content hash is
   * unchanged are reused without parsing. When `previous` is the very object
   * an earlier call returned in this process, a folder none of whose files
   * changed size, inode or change time (ctime) since then is reused without
   * reading its files at all.
   */
  previous?: SpecIndex;
}

/** The stamp each folder had when this process last indexed it from disk. */
const stamps = new WeakMap<SpecFolder, string>();

/**
 * How long before the index started a file must have last changed for its
 * stat to stand for its content: a write in the same tick of a coarse clock
 * (two seconds on FAT) could otherwise leave the stat as it was.
 */
const SETTLED_MS = 2000;

/**
 * Indexes the spec folders below a directory on disk, synchronously (meant
 * for command lines and scripts; services index a UrlReader tree with
 * `indexSpecFiles`). `dir` is a repository (it has a `specs` folder or a
 * `catalyst.yaml`) or a specs folder. Paths in the result are relative to
 * `dir`. Dot folders and node_modules are skipped; links are followed only
 * while they stay inside `dir`.
 *
 * Throws when `dir` itself cannot be read; every other problem is a
 * diagnostic.
 *
 * @public
 */
export function readSpecs(
  dir: string,
  options: ReadSpecsOptions = {},
): SpecIndex {
  const root = resolve(dir);
  const rootReal = readRoot(dir, root);
  const diagnostics: SpecDiagnostic[] = [];
  const specsPath = chooseSpecsPath(root, options.specsPath, diagnostics);
  const walker = new SpecsTreeWalker(rootReal, diagnostics);
  const specsDir = join(root, specsPath);

  let specsStat: Stats | undefined;
  try {
    specsStat = statSync(specsDir);
  } catch (error) {
    diagnostics.push({
      file: specsPath || '.',
      severity: 'warning',
      message: `Specs folder not found (${errorCode(error)})`,
    });
  }
  if (!specsStat) return { specs: [], diagnostics };
  if (!specsStat.isDirectory() || !walker.isInside(realpathSync(specsDir))) {
    diagnostics.push({
      file: specsPath,
      severity: 'warning',
      message:
        'Specs path is not a folder inside the directory; nothing indexed',
    });
    return { specs: [], diagnostics };
  }

  const previous = previousFolders(options.previous);
  const startedAt = Date.now();
  const specs: SpecFolder[] = [];
  for (const found of walker.findSpecFolders(specsDir, specsPath)) {
    const entries: ListedEntry[] = [];
    walker.listFiles(
      found.abs,
      '',
      entries,
      new Set([realpathSync.native(found.abs)]),
    );
    const last = previous.get(found.rel);
    const stamp = folderStamp(entries, startedAt);
    const parsed =
      last &&
      stamp !== undefined &&
      last.folder.archived === found.archived &&
      stamps.get(last.folder) === stamp
        ? { folder: last.folder, diagnostics: last.diagnostics }
        : parseSpecFolder(found.rel, entries.map(readListed), {
            archived: found.archived,
            previous: last,
          });
    if (stamp !== undefined) stamps.set(parsed.folder, stamp);
    specs.push(parsed.folder);
    if (!parseSpecFolderName(parsed.folder.slug)) {
      diagnostics.push(unconventionalFolderDiagnostic(found.rel));
    }
    diagnostics.push(...parsed.diagnostics);
  }
  return { specs, diagnostics };
}

/**
 * A folder's files by path, size, inode and change time, which a write, a
 * rename or a `touch -d` all change; undefined when the stat cannot stand for
 * the content: a file changed too recently (see {@link SETTLED_MS}), or a
 * link that was skipped (its target may appear without the link changing).
 */
function folderStamp(
  entries: ListedEntry[],
  startedAt: number,
): string | undefined {
  const parts: string[] = [];
  for (const entry of entries) {
    if (!('target' in entry)) return undefined;
    const { size, ino, ctimeMs, mtimeMs } = entry.stat;
    if (Math.max(ctimeMs, mtimeMs) > startedAt - SETTLED_MS) return undefined;
    parts.push(`${entry.path}\0${size}\0${ino}\0${ctimeMs}\0${mtimeMs}`);
  }
  return parts.join('\n');
}

function readRoot(dir: string, root: string): string {
  let stat: Stats;
  try {
    stat = statSync(root);
    if (stat.isDirectory()) {
      readdirSync(root);
      return realpathSync(root);
    }
  } catch (error) {
    throw new Error(`Cannot read directory ${dir}: ${describeError(error)}`);
  }
  throw new Error(`Cannot read directory ${dir}: not a directory`);
}

function chooseSpecsPath(
  root: string,
  given: string | undefined,
  diagnostics: SpecDiagnostic[],
): string {
  if (given !== undefined) {
    const normalized = normalizeSpecsPath(given);
    if (normalized === undefined) {
      throw new Error(
        `The specs path must be a relative path inside the directory, got '${given}'`,
      );
    }
    return normalized;
  }
  const configFile = join(root, 'catalyst.yaml');
  if (isFile(configFile)) {
    let text: string | undefined;
    try {
      text = decodeUtf8(readFileSync(configFile));
    } catch (error) {
      diagnostics.push({
        file: 'catalyst.yaml',
        severity: 'error',
        message: `Cannot read file: ${describeError(error)}`,
      });
    }
    if (text !== undefined) {
      const read = readSpecsConfig(text);
      diagnostics.push(...read.diagnostics);
      return read.path;
    }
    return DEFAULT_SPECS_PATH;
  }
  return isDirectory(join(root, DEFAULT_SPECS_PATH)) ? DEFAULT_SPECS_PATH : '';
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
