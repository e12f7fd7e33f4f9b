import { InputError, NotFoundError } from '@backstage/errors';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, ReadEntry } from 'tar';
import { budgetedFetch } from './budgetedFetch';
import { GithubBudget } from './GithubBudget';

/** One file of a repository archive, by its path from the repository root. */
export interface GithubArchiveFile {
  path: string;
  content: Buffer;
}

/** How much of an archive is read: a repository's files are untrusted input. */
export interface GithubArchiveLimits {
  /** Bytes read from GitHub, and bytes of the unpacked tar stream (every entry, kept or not). */
  maxBytes: number;
  /** Entries of the archive, kept or not. */
  maxEntries: number;
  /** Bytes of one kept file. */
  maxFileBytes: number;
}

const DEFAULT_LIMITS: GithubArchiveLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxEntries: 200_000,
  maxFileBytes: 32 * 1024 * 1024,
};

/** Entry types whose body is a file's content; links and the rest are never followed. */
const REGULAR_FILE = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * An entry's path from the repository root: the archive's first folder
 * (GitHub's `owner-repo-sha/`) stripped; undefined for an entry that could
 * name something outside the archive (absolute, `..`, not normalised).
 */
function repositoryPath(entryPath: string): string | undefined {
  if (posix.isAbsolute(entryPath) || entryPath.includes('\0')) return undefined;
  const parts = entryPath.split('/');
  if (parts.some(part => part === '..' || part === '.')) return undefined;
  const path = parts.slice(1).join('/');
  if (!path || posix.normalize(path) !== path) return undefined;
  return path;
}

/**
 * The regular files of a gzipped tar archive that `filter` keeps, read as it
 * streams in (gunzip, then the `tar` package's parser): only the kept files'
 * bytes are held. Symbolic and hard links are skipped, so nothing is read
 * through them; so is any entry whose path could leave the archive. Past a
 * limit the read stops with an `InputError`.
 */
export async function readTarArchive(
  gzipped: AsyncIterable<Uint8Array>,
  options: {
    filter: (path: string) => boolean;
    limits?: Partial<GithubArchiveLimits>;
    /** What the archive is, for error messages. */
    name: string;
  },
): Promise<GithubArchiveFile[]> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const tooLarge = (what: string) =>
    new InputError(`The archive of ${options.name} ${what}`);
  const files: GithubArchiveFile[] = [];
  let entries = 0;
  let failure: Error | undefined;
  const parser = new Parser({
    strict: true,
    filter: (_path, entry) => {
      const read = entry as ReadEntry;
      entries += 1;
      if (entries > limits.maxEntries) {
        failure ??= tooLarge(`has over ${limits.maxEntries} entries`);
        return false;
      }
      const path = repositoryPath(read.path);
      if (!path || !REGULAR_FILE.has(read.type) || !options.filter(path)) {
        return false;
      }
      if (read.size > limits.maxFileBytes) {
        failure ??= tooLarge(
          `holds ${path} of ${read.size} bytes, over ${limits.maxFileBytes}`,
        );
        return false;
      }
      return true;
    },
    onReadEntry: entry => {
      const path = repositoryPath(entry.path)!;
      const parts: Buffer[] = [];
      entry.on('data', (part: Buffer) => parts.push(part));
      entry.on('end', () =>
        files.push({ path, content: Buffer.concat(parts) }),
      );
    },
  });
  const unreadable = (error: unknown) =>
    error instanceof InputError
      ? error
      : new InputError(
          `The archive of ${options.name} could not be read: ${
            (error as Error).message
          }`,
        );
  const parsed = new Promise<void>(resolve => {
    parser.on('end', resolve);
    parser.on('error', error => {
      failure ??= unreadable(error);
      resolve();
    });
  });

  let packed = 0;
  async function* counted() {
    for await (const chunk of gzipped) {
      packed += chunk.length;
      if (packed > limits.maxBytes) {
        throw tooLarge(`is over ${limits.maxBytes} bytes`);
      }
      yield chunk;
    }
  }
  const input = Readable.from(counted(), { objectMode: false });
  const gunzip = createGunzip();
  input.on('error', error => gunzip.destroy(error));
  input.pipe(gunzip);
  let unpacked = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > limits.maxBytes) {
        throw tooLarge(`unpacks to over ${limits.maxBytes} bytes`);
      }
      parser.write(chunk);
      if (failure) throw failure;
    }
    parser.end();
    await parsed;
  } catch (error) {
    throw failure ?? unreadable(error);
  } finally {
    input.destroy();
  }
  if (failure) throw failure;
  return files;
}

/**
 * The files of `owner/repo` at commit `sha` that `filter` keeps, from one
 * tarball request (`GET /repos/{owner}/{repo}/tarball/{sha}`) sent through
 * the budget as `feature` and unpacked as it streams in
 * ({@link readTarArchive}). The commit is known, so unlike Backstage's
 * GitHub URL reader no request resolves it first.
 */
export async function readGithubArchive(options: {
  apiBaseUrl: string;
  owner: string;
  repo: string;
  sha: string;
  token: string;
  filter: (path: string) => boolean;
  budget?: GithubBudget;
  feature: string;
  limits?: Partial<GithubArchiveLimits>;
}): Promise<GithubArchiveFile[]> {
  const name = `${options.owner}/${options.repo}`;
  const url = `${options.apiBaseUrl}/repos/${options.owner}/${options.repo}/tarball/${options.sha}`;
  const response = await budgetedFetch(options.budget, options.feature, url, {
    headers: {
      authorization: `token ${options.token}`,
      accept: 'application/vnd.github+json',
    },
  });
  if (response.status === 404) {
    throw new NotFoundError(`${name}@${options.sha}`);
  }
  if (!response.ok || !response.body) {
    throw new Error(
      `Reading the archive of ${name} failed: ${response.status} ${response.statusText}`,
    );
  }
  return readTarArchive(response.body, {
    filter: options.filter,
    limits: options.limits,
    name,
  });
}
