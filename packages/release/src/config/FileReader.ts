import { GitRepository } from '../git/GitRepository';

/**
 * Reads repository files as text at one point of history.
 *
 * @public
 */
export type FileReader = (path: string) => Promise<string | undefined>;

/** Files above this size are not configuration and are ignored. */
const MAX_FILE = 2 * 1024 * 1024;

/**
 * A reader of regular files at a ref of the repository, from git's objects
 * (never the working tree), bounded in size; symlinks and submodules read
 * as absent, so nothing outside the repository is ever read.
 *
 * @public
 */
export function fileReaderAt(repo: GitRepository, ref: string): FileReader {
  return path => repo.show(ref, path, MAX_FILE);
}

/** Parses JSON from a repository file, undefined when absent or malformed. */
export function parseJsonFile(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A malformed file is treated as absent: the repository's other files still count.
    return undefined;
  }
}
