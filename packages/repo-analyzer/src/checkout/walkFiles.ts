import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { Ignore } from 'ignore';
import { AnalysisDiagnostic } from '../types';
import { isVendoredDirectoryName } from './vendoredPaths';

interface IgnoreScope {
  /** Directory of the .gitignore, relative to the root, '' or ending in '/'. */
  base: string;
  rules: Ignore;
}

/** Stops a runaway walk (a checkout this large is not a repository we can read). */
const MAX_WALKED_FILES = 200_000;

/**
 * Lists the files of a folder that is not a git repository, honouring every
 * `.gitignore` on the way down. Directory symlinks are not followed, which
 * also makes symlink loops harmless.
 */
export function walkFiles(
  root: string,
  diagnostics: AnalysisDiagnostic[],
): string[] {
  const files: string[] = [];
  const visit = (dir: string, scopes: IgnoreScope[]): void => {
    const absolute = join(root, dir);
    let entries: string[];
    try {
      entries = readdirSync(absolute).sort();
    } catch (error) {
      diagnostics.push({
        severity: 'warning',
        file: dir || '.',
        message: `could not list folder: ${(error as Error).message}`,
      });
      return;
    }
    let ownScopes = scopes;
    if (entries.includes('.gitignore')) {
      try {
        const text = readFileSync(join(absolute, '.gitignore'), 'utf8');
        ownScopes = [...scopes, { base: dir, rules: ignore().add(text) }];
      } catch (error) {
        diagnostics.push({
          severity: 'warning',
          file: `${dir}.gitignore`,
          message: `could not read: ${(error as Error).message}`,
        });
      }
    }
    for (const name of entries) {
      if (files.length >= MAX_WALKED_FILES) return;
      const path = `${dir}${name}`;
      let stats;
      try {
        stats = lstatSync(join(root, path));
      } catch {
        continue;
      }
      const isDirectory = stats.isDirectory();
      if (isDirectory && isVendoredDirectoryName(name)) continue;
      if (isIgnored(ownScopes, path, isDirectory)) continue;
      if (isDirectory) {
        visit(`${path}/`, ownScopes);
      } else if (stats.isSymbolicLink()) {
        // A symlink to a folder is listed by git as one entry; do the same.
        try {
          if (statSync(join(root, path)).isDirectory()) continue;
        } catch {
          // Broken or looping links are reported when read.
        }
        files.push(path);
      } else if (stats.isFile()) {
        files.push(path);
      }
    }
  };
  visit('', []);
  if (files.length >= MAX_WALKED_FILES) {
    diagnostics.push({
      severity: 'warning',
      message: `stopped listing files at ${MAX_WALKED_FILES}; the rest of the folder was not analysed`,
    });
  }
  return files;
}

function isIgnored(
  scopes: IgnoreScope[],
  path: string,
  isDirectory: boolean,
): boolean {
  for (const scope of scopes) {
    const relative = path.slice(scope.base.length);
    if (scope.rules.ignores(isDirectory ? `${relative}/` : relative)) {
      return true;
    }
  }
  return false;
}
