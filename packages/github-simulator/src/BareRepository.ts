import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Simulated GitHub',
  GIT_AUTHOR_EMAIL: 'noreply@example.com',
  GIT_COMMITTER_NAME: 'Simulated GitHub',
  GIT_COMMITTER_EMAIL: 'noreply@example.com',
};

/** A parsed commit object. @public */
export interface GitCommitObject {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

/** One entry of `git ls-tree`. @public */
export interface GitTreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
  path: string;
}

/** A change to a tree: a blob at a path, or a removal. @public */
export interface GitTreeChange {
  path: string;
  mode: string;
  sha: string | null;
}

function signature(line: string) {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!match) throw new Error(`Unreadable signature '${line}'`);
  return {
    name: match[1],
    email: match[2],
    date: new Date(Number(match[3]) * 1000).toISOString().replace('.000', ''),
  };
}

/**
 * A bare git repository on disk that the simulated GitHub API writes into
 * with git's own plumbing, so blobs, trees, commits and refs are real
 * objects that `git clone` and `git show` can read.
 *
 * @public
 */
export class BareRepository {
  private constructor(readonly dir: string) {}

  /** Creates `dir` as a bare repository whose history is `commits`, oldest first. */
  static async create(
    dir: string,
    options: {
      defaultBranch: string;
      commits: { message: string; files: Record<string, string | null> }[];
    },
  ): Promise<BareRepository> {
    await fs.mkdir(dir, { recursive: true });
    await run('git', ['init', '--bare', '--quiet', dir]);
    await run(
      'git',
      ['symbolic-ref', 'HEAD', `refs/heads/${options.defaultBranch}`],
      { cwd: dir },
    );
    const repository = new BareRepository(dir);
    for (const commit of options.commits) {
      await repository.commitFiles(
        options.defaultBranch,
        commit.files,
        commit.message,
      );
    }
    return repository;
  }

  /**
   * Creates many bare repositories at once, as {@link BareRepository.create}
   * would one by one: every commit of every repository is written by one
   * `git fast-import` into the object store `objectStore` (a bare repository,
   * created when missing), and each repository is a bare repository of its
   * own that borrows those objects through `objects/info/alternates` and has
   * its own refs. Clones, pushes and the API read them like any other.
   */
  static async createMany(
    objectStore: string,
    repositories: {
      dir: string;
      defaultBranch: string;
      commits: { message: string; files: Record<string, string | null> }[];
    }[],
  ): Promise<BareRepository[]> {
    await fs.mkdir(objectStore, { recursive: true });
    await run('git', ['init', '--bare', '--quiet', objectStore]);
    const store = new BareRepository(objectStore);
    // One branch per repository in the store, so each history continues its own tip.
    const batch = `${Date.now().toString(36)}-${randomBytes(4).toString(
      'hex',
    )}`;
    const refOf = (i: number) => `refs/import/${batch}/${i}`;
    const when = `${Math.floor(Date.now() / 1000)} +0000`;
    const identity = `${IDENTITY.GIT_AUTHOR_NAME} <${IDENTITY.GIT_AUTHOR_EMAIL}> ${when}`;
    function* stream() {
      for (const [i, repository] of repositories.entries()) {
        for (const commit of repository.commits) {
          const message = Buffer.from(commit.message, 'utf8');
          yield Buffer.from(
            `commit ${refOf(
              i,
            )}\nauthor ${identity}\ncommitter ${identity}\ndata ${
              message.length
            }\n`,
          );
          yield message;
          yield Buffer.from('\n');
          for (const [path, content] of Object.entries(commit.files)) {
            if (/[\n"]/.test(path) || path.startsWith('/')) {
              throw new Error(`Unsupported path '${path}'`);
            }
            if (content === null) {
              yield Buffer.from(`D ${path}\n`);
              continue;
            }
            const data = Buffer.from(content, 'utf8');
            yield Buffer.from(`M 100644 inline ${path}\ndata ${data.length}\n`);
            yield data;
            yield Buffer.from('\n');
          }
          yield Buffer.from('\n');
        }
      }
      yield Buffer.from('done\n');
    }
    await store.gitStream(['fast-import', '--quiet', '--done'], stream());
    const tips = new Map<string, string>();
    const listed = await store.git([
      'for-each-ref',
      '--format=%(objectname) %(refname)',
      `refs/import/${batch}/`,
    ]);
    for (const line of listed.split('\n').filter(Boolean)) {
      const [sha, ref] = line.split(' ');
      tips.set(ref, sha);
    }
    // A template without hooks; each repository is a copy with its own HEAD, refs and alternates.
    const template = await fs.mkdtemp(join(tmpdir(), 'github-sim-template-'));
    try {
      await run('git', ['init', '--bare', '--quiet', '--template=', template]);
      const objects = join(objectStore, 'objects');
      return await Promise.all(
        repositories.map(async (repository, i) => {
          await fs.cp(template, repository.dir, { recursive: true });
          await fs.writeFile(
            join(repository.dir, 'HEAD'),
            `ref: refs/heads/${repository.defaultBranch}\n`,
          );
          await fs.mkdir(join(repository.dir, 'objects', 'info'), {
            recursive: true,
          });
          await fs.writeFile(
            join(repository.dir, 'objects', 'info', 'alternates'),
            `${objects}\n`,
          );
          // A loose ref, as `git update-ref` writes it (one process less per repository).
          const tip = tips.get(refOf(i));
          if (tip) {
            const ref = join(
              repository.dir,
              'refs',
              'heads',
              ...repository.defaultBranch.split('/'),
            );
            await fs.mkdir(dirname(ref), { recursive: true });
            await fs.writeFile(ref, `${tip}\n`);
          }
          return new BareRepository(repository.dir);
        }),
      );
    } finally {
      await fs.rm(template, { recursive: true, force: true });
    }
  }

  /** Runs git with `input` streamed to its stdin; rejects with its stderr when it fails. */
  private async gitStream(
    args: string[],
    input: Iterable<Buffer>,
  ): Promise<void> {
    const child = spawn('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...IDENTITY },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    const errors: Buffer[] = [];
    child.stderr!.on('data', chunk => errors.push(chunk));
    const closed = new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const source = Readable.from(input, { objectMode: false });
    let streamError: unknown;
    source.on('error', error => {
      streamError = error;
      child.stdin!.destroy();
    });
    // git may exit early on bad input: then its stderr says why, not the broken pipe.
    let pipeError: unknown;
    child.stdin!.on('error', error => {
      pipeError = error;
    });
    source.pipe(child.stdin!);
    const code = await closed;
    if (streamError) throw streamError;
    if (code !== 0) {
      throw new Error(
        `git ${args.join(' ')} failed (${code}): ${Buffer.concat(
          errors,
        ).toString('utf8')}`,
      );
    }
    if (pipeError) throw pipeError;
  }

  async git(
    args: string[],
    options?: { env?: Record<string, string>; input?: string | Buffer },
  ): Promise<string> {
    const child = spawn('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...IDENTITY, ...options?.env },
      // Commands that take no input get no stdin, so writing can never hit a closed pipe.
      stdio: [options?.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const output = new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const errors: Buffer[] = [];
      child.stdout!.on('data', chunk => chunks.push(chunk));
      child.stderr!.on('data', chunk => errors.push(chunk));
      child.on('error', reject);
      child.on('close', code => {
        if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
        else
          reject(
            new Error(
              `git ${args.join(' ')} failed (${code}): ${Buffer.concat(
                errors,
              ).toString('utf8')}`,
            ),
          );
      });
    });
    if (options?.input !== undefined) child.stdin!.end(options.input);
    return output;
  }

  async defaultBranch(): Promise<string> {
    return (await this.git(['symbolic-ref', '--short', 'HEAD'])).trim();
  }

  /** The sha a ref points at, or undefined. */
  async resolveRef(ref: string): Promise<string | undefined> {
    try {
      return (
        await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      ).trim();
    } catch {
      return undefined;
    }
  }

  /** The object a revision names (`<commit>:<path>`), or undefined. */
  async resolveObject(revision: string): Promise<string | undefined> {
    try {
      return (
        await this.git(['rev-parse', '--verify', '--quiet', revision])
      ).trim();
    } catch {
      return undefined;
    }
  }

  async objectType(sha: string): Promise<string | undefined> {
    try {
      return (await this.git(['cat-file', '-t', sha])).trim();
    } catch {
      return undefined;
    }
  }

  async writeBlob(content: Buffer): Promise<string> {
    return (
      await this.git(['hash-object', '-w', '--stdin'], { input: content })
    ).trim();
  }

  /** Writes a tree: `base` (or nothing) with the changes applied, nested paths included. */
  async writeTree(
    base: string | undefined,
    changes: GitTreeChange[],
  ): Promise<string> {
    const indexDir = await fs.mkdtemp(join(tmpdir(), 'github-sim-index-'));
    const env = { GIT_INDEX_FILE: join(indexDir, 'index') };
    try {
      if (base) await this.git(['read-tree', base], { env });
      else await this.git(['read-tree', '--empty'], { env });
      // --index-info needs no work tree; mode 0 with the null sha removes a path.
      const info = changes
        .map(change =>
          change.sha === null
            ? `0 ${'0'.repeat(40)}\t${change.path}\0`
            : `${change.mode} ${change.sha}\t${change.path}\0`,
        )
        .join('');
      if (info)
        await this.git(['update-index', '-z', '--index-info'], {
          env,
          input: info,
        });
      return (await this.git(['write-tree'], { env })).trim();
    } finally {
      await fs.rm(indexDir, { recursive: true, force: true });
    }
  }

  async writeCommit(options: {
    tree: string;
    parents: string[];
    message: string;
    author?: { name: string; email: string; date?: string };
  }): Promise<string> {
    const env: Record<string, string> = {};
    if (options.author) {
      env.GIT_AUTHOR_NAME = options.author.name;
      env.GIT_AUTHOR_EMAIL = options.author.email;
      if (options.author.date) env.GIT_AUTHOR_DATE = options.author.date;
    }
    const args = ['commit-tree', options.tree];
    for (const parent of options.parents) args.push('-p', parent);
    return (
      await this.git([...args, '-F', '-'], { env, input: options.message })
    ).trim();
  }

  async readCommit(sha: string): Promise<GitCommitObject | undefined> {
    if ((await this.objectType(sha)) !== 'commit') return undefined;
    const text = await this.git(['cat-file', 'commit', sha]);
    const split = text.indexOf('\n\n');
    const headers = text.slice(0, split).split('\n');
    const value = (key: string) =>
      headers
        .filter(h => h.startsWith(`${key} `))
        .map(h => h.slice(key.length + 1));
    return {
      sha,
      tree: value('tree')[0],
      parents: value('parent'),
      author: signature(value('author')[0]),
      committer: signature(value('committer')[0]),
      message: text.slice(split + 2),
    };
  }

  async readTree(
    sha: string,
    recursive: boolean,
  ): Promise<GitTreeEntry[] | undefined> {
    const type = await this.objectType(sha);
    if (type !== 'tree' && type !== 'commit') return undefined;
    const args = ['ls-tree', '-l', '-z', '--full-tree'];
    if (recursive) args.push('-r', '-t');
    const text = await this.git([...args, sha]);
    return text
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const [meta, path] = line.split('\t');
        const [mode, entryType, entrySha, size] = meta.split(/\s+/);
        return {
          mode,
          type: entryType as GitTreeEntry['type'],
          sha: entrySha,
          size: size === '-' ? undefined : Number(size),
          path,
        };
      });
  }

  /** Sets a ref; with `expectedOld` only when it still points there ('' = must not exist). */
  async updateRef(
    ref: string,
    sha: string,
    expectedOld?: string,
  ): Promise<void> {
    const args = ['update-ref', ref, sha];
    if (expectedOld !== undefined) args.push(expectedOld);
    await this.git(args);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await this.git(['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }

  /** The bytes of a blob. */
  async readBlob(sha: string): Promise<Buffer> {
    const { stdout } = await run('git', ['cat-file', 'blob', sha], {
      cwd: this.dir,
      encoding: 'buffer',
      maxBuffer: 100 * 1024 * 1024,
    });
    return stdout;
  }

  /** The tree of a commit as a gzipped tarball whose entries sit under `prefix/`. */
  async archive(commit: string, prefix: string): Promise<Buffer> {
    const { stdout } = await run(
      'git',
      ['archive', '--format=tar.gz', `--prefix=${prefix}/`, commit],
      { cwd: this.dir, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
    );
    return stdout;
  }

  /** A file at a ref, or undefined when it does not exist there. */
  async readFile(ref: string, path: string): Promise<string | undefined> {
    try {
      return await this.git(['show', `${ref}:${path}`]);
    } catch {
      return undefined;
    }
  }

  /** Commit subjects reachable from a ref, newest first. */
  async log(ref: string): Promise<string[]> {
    const text = await this.git(['log', '--format=%s', ref]);
    return text.split('\n').filter(Boolean);
  }

  /**
   * Commits files (null deletes) on top of a branch, as a developer's push
   * would. Returns the new commit.
   */
  async commitFiles(
    branch: string,
    files: Record<string, string | null>,
    message: string,
    options: {
      /** A branch to start `branch` from when it does not exist yet. */
      from?: string;
      /** The commit's author (a person's commit); default: git's identity. */
      author?: { name: string; email: string };
    } = {},
  ): Promise<string> {
    const parent =
      (await this.resolveRef(`refs/heads/${branch}`)) ??
      (options.from
        ? await this.resolveRef(`refs/heads/${options.from}`)
        : undefined);
    const base = parent ? (await this.readCommit(parent))!.tree : undefined;
    const changes: GitTreeChange[] = [];
    for (const [path, content] of Object.entries(files)) {
      changes.push({
        path,
        mode: '100644',
        sha:
          content === null
            ? null
            : await this.writeBlob(Buffer.from(content, 'utf8')),
      });
    }
    const tree = await this.writeTree(base, changes);
    const commit = await this.writeCommit({
      tree,
      parents: parent ? [parent] : [],
      message,
      author: options.author,
    });
    await this.updateRef(`refs/heads/${branch}`, commit);
    return commit;
  }
}
