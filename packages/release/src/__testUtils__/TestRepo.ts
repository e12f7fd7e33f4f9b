import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real git repository in a temp folder, built commit by commit, for release tests.
 */
export class TestRepo {
  private tick = 0;

  static create(): TestRepo {
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), 'catalyst-release-')));
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  constructor(readonly dir: string) {}

  git(...args: string[]): string {
    this.tick += 1;
    const date = new Date(
      Date.UTC(2024, 0, 1) + this.tick * 60_000,
    ).toISOString();
    return execFileSync(
      'git',
      [
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@example.com',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'tag.gpgsign=false',
        ...args,
      ],
      {
        cwd: this.dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        },
      },
    ).trim();
  }

  write(path: string, content: string): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  /** Commits the files (a change to `path` by default) with a message; returns the hash. */
  commit(message: string, files: Record<string, string> = {}): string {
    const entries = Object.entries(files);
    if (!entries.length) entries.push([`changes/${this.tick}.txt`, message]);
    for (const [path, content] of entries) this.write(path, content);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  tag(name: string): this {
    this.git('tag', name);
    return this;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
