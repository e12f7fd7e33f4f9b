import { promises as fs } from 'node:fs';
import { join, posix } from 'node:path';

/** The workspaces of a repository root, as folders relative to it. */
export interface NpmWorkspaces {
  /** Workspace folders that have a package.json, sorted: `packages/a`. */
  folders: string[];
  /** The package names the workspaces declare, so they are not updated from the registry. */
  names: Set<string>;
}

// Folders never holding a workspace of the repository itself.
const SKIPPED = new Set(['node_modules', '.git']);

/** One glob segment (`*`, `plugin-*`) as a regular expression. */
const segmentPattern = (segment: string) =>
  new RegExp(
    `^${segment
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );

/** Whether folder segments match glob segments, `**` standing for any number of folders. */
function matches(glob: string[], path: string[]): boolean {
  if (glob.length === 0) return path.length === 0;
  if (glob[0] === '**') {
    return (
      path.some((_, at) => matches(glob.slice(1), path.slice(at))) ||
      matches(glob.slice(1), [])
    );
  }
  return (
    path.length > 0 &&
    segmentPattern(glob[0]).test(path[0]) &&
    matches(glob.slice(1), path.slice(1))
  );
}

const toSegments = (pattern: string) =>
  posix
    .normalize(pattern.replace(/^!/, ''))
    .replace(/^\.\/?|\/$/g, '')
    .split('/')
    .filter(Boolean);

/** Every folder below `root` (relative, posix) holding a package.json, outside node_modules and dot folders. */
async function packageFolders(root: string, dir = ''): Promise<string[]> {
  const entries = await fs.readdir(join(root, dir), { withFileTypes: true });
  const found = entries.some(e => e.isFile() && e.name === 'package.json')
    ? [dir]
    : [];
  for (const entry of entries) {
    if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
    if (entry.name.startsWith('.')) continue;
    found.push(...(await packageFolders(root, posix.join(dir, entry.name))));
  }
  return found;
}

/**
 * Expands workspace globs (`packages/*`, `plugins/**`, `apps/web`,
 * `!packages/legacy`) over a checkout to the workspace folders with a
 * package.json, and reads their package names. Globs leaving the
 * repository match nothing.
 */
export async function findNpmWorkspaces(
  root: string,
  patterns: string[],
): Promise<NpmWorkspaces> {
  const include = patterns.filter(p => !p.startsWith('!')).map(toSegments);
  const exclude = patterns.filter(p => p.startsWith('!')).map(toSegments);
  const folders = (await packageFolders(root))
    .filter(folder => folder !== '')
    .filter(folder => {
      const path = folder.split('/');
      return (
        include.some(glob => !glob.includes('..') && matches(glob, path)) &&
        !exclude.some(glob => matches(glob, path))
      );
    })
    .sort();
  const names = new Set<string>();
  for (const folder of folders) {
    const { name } = JSON.parse(
      await fs.readFile(join(root, folder, 'package.json'), 'utf8'),
    ) as { name?: unknown };
    if (typeof name === 'string') names.add(name);
  }
  return { folders, names };
}
