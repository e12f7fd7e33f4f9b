import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = [
  '-c',
  'user.name=Fixture Author',
  '-c',
  'user.email=fixture@example.com',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'init.defaultBranch=main',
];

/**
 * A throw-away repository in a temp folder, built file by file and commit by
 * commit with the real git binary, for tests that analyse checkouts.
 */
export class FixtureRepo {
  private tick = 0;

  static create(name: string): FixtureRepo {
    return new FixtureRepo(mkdtempSync(join(tmpdir(), `catalyst-${name}-`)));
  }

  constructor(readonly root: string) {}

  write(path: string, content: string | Buffer): this {
    const file = join(this.root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  writeJson(path: string, value: unknown): this {
    return this.write(path, `${JSON.stringify(value, null, 2)}\n`);
  }

  symlink(path: string, target: string): this {
    const file = join(this.root, path);
    mkdirSync(dirname(file), { recursive: true });
    symlinkSync(target, file);
    return this;
  }

  git(...args: string[]): string {
    // Fixed dates keep hashes and history order stable from run to run.
    const date = `2024-01-01T00:${String(Math.floor(this.tick / 60)).padStart(
      2,
      '0',
    )}:${String(this.tick % 60).padStart(2, '0')}Z`;
    this.tick++;
    return execFileSync('git', [...IDENTITY, ...args], {
      cwd: this.root,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  }

  init(): this {
    this.git('init', '-q');
    return this;
  }

  /** Stages everything and commits; with `touch`, first writes that file so the commit is never empty. */
  commit(subject: string, touch?: string): this {
    if (touch) this.write(touch, `${subject}\n`);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', subject);
    return this;
  }

  /** A topic branch with commits, merged back into main with a merge commit. */
  mergeBranch(
    branch: string,
    subjects: string[],
    mergeSubject = `Merge branch '${branch}'`,
  ): this {
    this.git('checkout', '-q', '-b', branch);
    subjects.forEach((subject, i) =>
      this.commit(subject, `changes/${branch.replace(/\//g, '-')}-${i}.txt`),
    );
    this.git('checkout', '-q', 'main');
    this.git('merge', '-q', '--no-ff', '-m', mergeSubject, branch);
    return this;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
