import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../__testUtils__/runCli';

function git(root: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=CLI Test',
      '-c',
      'user.email=cli@example.com',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd: root, encoding: 'utf8' },
  ).trim();
}

function commit(root: string, message: string): string {
  writeFileSync(join(root, 'file.txt'), message);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

describe('catalyst changelog', () => {
  let root: string;
  let feat: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'catalyst-cli-changelog-'));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'remote', 'add', 'origin', 'git@github.com:acme/tool.git');
    commit(root, 'chore: start');
    git(root, 'tag', 'v2.0.0');
    feat = commit(root, 'feat(cli): add --dry-run (#5)');
    git(root, 'tag', 'v2.1.0');
    commit(root, 'fix: exit code on error');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the markdown section since the last release tag', async () => {
    const result = await runCli('changelog', root);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^## \[2\.1\.1\]\(https:\/\/github\.com\/acme\/tool\/compare\/v2\.1\.0\.\.\.v2\.1\.1\) \(\d{4}-\d{2}-\d{2}\)\n\n### Bug Fixes\n\n\* exit code on error \(\[[0-9a-f]{7}\]\(https:\/\/github\.com\/acme\/tool\/commit\/[0-9a-f]{40}\)\)\n$/,
    );
  });

  it('answers --json for a range', async () => {
    const result = await runCli(
      'changelog',
      root,
      '--from',
      'v2.0.0',
      '--to',
      'v2.1.0',
      '--json',
    );
    expect(result.exitCode).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toEqual({
      previousVersion: '2.0.0',
      nextVersion: '2.1.0',
      bump: 'minor',
      entries: [
        {
          type: 'feat',
          scope: 'cli',
          subject: 'add --dry-run',
          breaking: false,
          hash: feat,
          pr: 5,
        },
      ],
      markdown: expect.stringContaining(
        '* **cli:** add --dry-run ([#5](https://github.com/acme/tool/issues/5))',
      ),
    });
  });

  it('fails with the reason for an unknown package', async () => {
    const result = await runCli('changelog', root, '--package', 'missing');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'catalyst: No package missing; the workspace has none\n',
    );
  });
});
