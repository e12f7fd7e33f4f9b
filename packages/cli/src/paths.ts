import { resolve as resolvePath } from 'node:path';

/**
 * Resolves a path given on the command line. `yarn catalyst` runs scripts from
 * the repository root, so relative paths are taken from the directory the user
 * ran yarn in (INIT_CWD), not from the process's working directory.
 */
export function resolveUserPath(path: string): string {
  return resolvePath(process.env.INIT_CWD ?? process.cwd(), path);
}
