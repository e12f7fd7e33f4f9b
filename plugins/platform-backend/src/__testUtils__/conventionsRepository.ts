import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { typescriptConventionPack } from '@catalyst/conventions';

const run = promisify(execFile);

/** A small TypeScript service without any of the platform's standard files. */
export function demoServiceFiles(): Record<string, string> {
  return {
    'package.json': `${JSON.stringify(
      { name: 'demo', private: true, scripts: { test: 'jest' } },
      null,
      2,
    )}\n`,
    'src/index.ts': 'export const answer = 42;\n',
    'src/index.test.ts': "test('answer', () => expect(42).toBe(42));\n",
    '.editorconfig': 'root = true\n',
  };
}

/** A real local git repository on `main` holding `files`, removed by `remove`. */
export async function createLocalRepository(
  files: Record<string, string>,
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'conventions-repo-'));
  for (const [path, content] of Object.entries(files)) {
    await fs.mkdir(dirname(join(dir, path)), { recursive: true });
    await fs.writeFile(join(dir, path), content);
  }
  const git = (...args: string[]) =>
    run('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      },
    });
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '.');
  await git('commit', '--quiet', '-m', 'feat(demo): first');
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

/** A TypeScript service that follows every file and rule of the typescript pack. */
export function cleanServiceFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: 'clean',
        private: true,
        scripts: { lint: 'eslint .', test: 'jest' },
      },
      null,
      2,
    )}\n`,
    'src/index.ts': 'export const answer = 42;\n',
    'src/index.test.ts': "test('answer', () => expect(42).toBe(42));\n",
  };
  for (const file of typescriptConventionPack.files) {
    files[file.path] = file.content;
  }
  return files;
}
