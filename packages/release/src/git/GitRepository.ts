import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Output beyond this is refused rather than buffered without bound. */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

/**
 * A commit as git records it, before any Conventional Commits parsing.
 *
 * @public
 */
export type RawCommit = {
  hash: string;
  parents: string[];
  message: string;
  /** Files the commit changed (empty for merge commits). */
  files: string[];
};

/**
 * Reads a local git checkout with the `git` program; arguments are passed
 * without a shell.
 *
 * @public
 */
export class GitRepository {
  constructor(readonly dir: string) {}

  async git(args: string[]): Promise<string> {
    const { stdout } = await run('git', args, {
      cwd: this.dir,
      maxBuffer: MAX_GIT_OUTPUT,
      encoding: 'utf8',
    });
    return stdout;
  }

  /** The full hash of a ref, or undefined when it does not resolve. */
  async resolve(ref: string): Promise<string | undefined> {
    try {
      const out = await this.git([
        'rev-parse',
        '--verify',
        '--quiet',
        `${ref}^{commit}`,
      ]);
      return out.trim() || undefined;
    } catch {
      // rev-parse --verify exits 1 for an unknown ref: that is the answer.
      return undefined;
    }
  }

  /** Tags reachable from `ref` (all tags without it). */
  async tags(ref?: string): Promise<string[]> {
    const args = ['tag', '--list'];
    if (ref) args.push('--merged', ref);
    const out = await this.git(args);
    return out.split('\n').filter(Boolean);
  }

  /** Commits in `from..to` (everything reachable from `to` without `from`), newest first. */
  async commits(to: string, from?: string): Promise<RawCommit[]> {
    const range = from ? `${from}..${to}` : to;
    const out = await this.git([
      'log',
      '--no-color',
      '--no-renames',
      '--format=%x1e%H%x1f%P%x1f%B%x1f',
      '--name-only',
      range,
      '--',
    ]);
    return out
      .split('\x1e')
      .filter(record => record.trim())
      .map(record => {
        const [hash, parents, message, files = ''] = record.split('\x1f');
        return {
          hash,
          parents: parents.split(' ').filter(Boolean),
          message: message.trim(),
          files: files.split('\n').filter(Boolean),
        };
      });
  }

  /** Hashes in `from..to`. */
  async revList(to: string, from: string): Promise<string[]> {
    const out = await this.git(['rev-list', `${from}..${to}`]);
    return out.split('\n').filter(Boolean);
  }

  /**
   * A regular file's text at a ref, or undefined when it is absent there,
   * larger than `maxBytes`, or not a regular file: a symlink's target is never
   * taken for content (nor followed), and neither is a submodule.
   */
  async show(
    ref: string,
    path: string,
    maxBytes = MAX_GIT_OUTPUT,
  ): Promise<string | undefined> {
    let entry: string;
    try {
      entry = await this.git([
        '--literal-pathspecs',
        'ls-tree',
        '-l',
        '-z',
        ref,
        '--',
        path,
      ]);
    } catch {
      // An unknown ref has no files: the caller treats it as no file.
      return undefined;
    }
    // `<mode> <type> <object> <size>\t<path>`; a path through a symlink lists nothing.
    const match = /^(100644|100755) blob ([0-9a-f]+) +(\d+)\t([^\0]*)\0$/.exec(
      entry,
    );
    if (!match || match[4] !== path || Number(match[3]) > maxBytes) {
      return undefined;
    }
    return this.git(['cat-file', 'blob', match[2]]);
  }

  /** The URL of the `origin` remote, if any. */
  async originUrl(): Promise<string | undefined> {
    try {
      return (await this.git(['remote', 'get-url', 'origin'])).trim();
    } catch {
      // No origin remote: links are then left out of the changelog.
      return undefined;
    }
  }
}
