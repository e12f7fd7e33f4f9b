import { InputError, NotFoundError } from '@backstage/errors';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { budgetedFetch } from './budgetedFetch';
import { GithubBudget } from './GithubBudget';

const gunzipAsync = promisify(gunzip);

/** One file of a repository archive, by its path from the repository root. */
export interface GithubArchiveFile {
  path: string;
  content: Buffer;
}

/** The largest archive read, unpacked: a repository's files are untrusted input. */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const BLOCK = 512;

function field(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block
    .subarray(start, end === -1 || end > start + length ? start + length : end)
    .toString('utf8');
}

/** `path=` of a pax extended header (`<length> <key>=<value>\n` records). */
function paxPath(data: Buffer): string | undefined {
  let offset = 0;
  let path: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number(data.subarray(offset, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = data
      .subarray(space + 1, offset + length - 1)
      .toString('utf8');
    if (record.startsWith('path=')) path = record.slice('path='.length);
    offset += length;
  }
  return path;
}

/**
 * The regular files of a tar archive, the first folder (GitHub's
 * `owner-repo-sha/`) stripped, kept where `filter` says so. Reads ustar, pax
 * extended headers (long paths, as `git archive` writes them) and GNU long
 * names.
 */
export function untar(
  archive: Buffer,
  filter: (path: string) => boolean,
): GithubArchiveFile[] {
  const files: GithubArchiveFile[] = [];
  let offset = 0;
  let longPath: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every(byte => byte === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || size < 0) {
      throw new InputError('Malformed tar archive: bad entry size');
    }
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + BLOCK;
    const data = archive.subarray(dataStart, dataStart + size);
    if (data.length < size) {
      throw new InputError('Malformed tar archive: truncated entry');
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longPath = paxPath(data) ?? longPath;
      continue;
    }
    if (type === 'L') {
      longPath = field(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const fullPath = longPath ?? (prefix ? `${prefix}/${name}` : name);
    longPath = undefined;
    if (type !== '0' && type !== '\0') continue;
    const path = fullPath.split('/').slice(1).join('/');
    if (!path || path.split('/').includes('..')) continue;
    if (filter(path)) files.push({ path, content: Buffer.from(data) });
  }
  return files;
}

/**
 * The files of `owner/repo` at commit `sha` that `filter` keeps, from one
 * tarball request (`GET /repos/{owner}/{repo}/tarball/{sha}`) sent through
 * the budget as `feature`. The commit is known, so unlike Backstage's GitHub
 * URL reader no request resolves it first.
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
  maxBytes?: number;
}): Promise<GithubArchiveFile[]> {
  const url = `${options.apiBaseUrl}/repos/${options.owner}/${options.repo}/tarball/${options.sha}`;
  const response = await budgetedFetch(options.budget, options.feature, url, {
    headers: {
      authorization: `token ${options.token}`,
      accept: 'application/vnd.github+json',
    },
  });
  if (response.status === 404) {
    throw new NotFoundError(`${options.owner}/${options.repo}@${options.sha}`);
  }
  if (!response.ok) {
    throw new Error(
      `Reading the archive of ${options.owner}/${options.repo} failed: ${response.status} ${response.statusText}`,
    );
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const packed = Buffer.from(await response.arrayBuffer());
  if (packed.length > maxBytes) {
    throw new InputError(
      `The archive of ${options.owner}/${options.repo} is over ${maxBytes} bytes`,
    );
  }
  let archive: Buffer;
  try {
    archive = await gunzipAsync(packed, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new InputError(
      `The archive of ${options.owner}/${options.repo} could not be unpacked within ${maxBytes} bytes: ${error}`,
    );
  }
  return untar(archive, options.filter);
}
