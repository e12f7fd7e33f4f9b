import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runCli } from '../__testUtils__/runCli';

const repoRoot = resolve(__dirname, '../../../..');
const corpus = resolve(repoRoot, '../shared/corpus/specs/ncrmro-catalyst');
const fixture = resolve(
  repoRoot,
  'packages/spec-kit/src/__fixtures__/repos/catalyst-yaml/input',
);

const run = (...args: string[]) => runCli('specs', ...args);

describe('catalyst specs', () => {
  it('prints the corpus index as JSON', async () => {
    const result = await run(corpus, '--json');
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const index = JSON.parse(result.stdout);
    const platform = index.specs.find(
      (spec: { slug: string }) => spec.slug === '010-platform',
    );
    expect(platform).toMatchObject({
      path: 'specs/010-platform',
      slug: '010-platform',
      number: 10,
      title: 'Platform Management & Automation',
      status: 'draft',
      completion: 0.19,
    });
    expect(platform.files).toContainEqual(
      expect.objectContaining({ path: 'tasks.md', kind: 'tasks' }),
    );
    expect(platform.tasks[0]).toMatchObject({
      id: 'T001',
      state: 'open',
      done: false,
      parallel: false,
      stories: [],
      tags: ['Spike'],
      phase: 'Phase 0: Spikes',
      description:
        'Validate kube-prometheus-stack deployment in K3s VM per plan.md',
      line: 23,
    });
    expect(
      platform.tasks.find((task: { id: string }) => task.id === 'T004'),
    ).toMatchObject({ parallel: true, stories: ['US-5'] });
    expect(index.diagnostics).toEqual([]);
  });

  it('prints a table and the diagnostics of a fixture', async () => {
    const result = await run(fixture);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^SPEC\s+TITLE\s+STATUS\s+DONE\/TOTAL\s+COMPLETE$/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^001-photo-albums\s+Photo Albums\s+in progress\s+3\/5\s+60%$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^002-old-search \(archived\)\s+Old Search\s+implemented\s+2\/2\s+100%$/,
      ),
    );
    // specs/main/ holds Spec Kit documents under a branch name: indexed, with a warning.
    expect(lines).toContainEqual(
      expect.stringMatching(/^main\s+Offline Drafts\s+draft\s+1\/3\s+33%$/),
    );
    expect(result.stdout).toContain(
      '7 specs, 7/15 tasks done, 1 error, 5 warnings, 1 note',
    );
    expect(result.stdout).toContain(
      "docs/specs/main  warning  Folder name 'main' does not follow the spec folder convention",
    );
    expect(result.stdout).toContain(
      'docs/specs/004-broken/tasks.md:10  warning  Duplicate task id T001; first used on line 9',
    );
    expect(result.stdout).toContain(
      'docs/specs/005-unreadable-tasks/tasks.md  error  File is not valid UTF-8',
    );
  });

  it('exits 1 with --strict when a diagnostic is an error', async () => {
    expect((await run(fixture, '--strict')).exitCode).toBe(1);
    expect((await run(corpus, '--strict', '--json')).exitCode).toBe(0);
  });

  it('resolves a relative path from the directory yarn was run in', async () => {
    const previous = process.env.INIT_CWD;
    process.env.INIT_CWD = resolve(corpus, '..');
    try {
      const result = await run('ncrmro-catalyst/specs', '--json');
      expect(JSON.parse(result.stdout).specs[0].path).toBe('001-environments');
    } finally {
      process.env.INIT_CWD = previous;
    }
  });

  it('exits 2 with a message when the directory cannot be read', async () => {
    const missing = resolve(repoRoot, 'no-such-directory');
    const result = await run(missing);
    expect(result).toEqual({
      stdout: '',
      stderr: `catalyst specs: Cannot read directory ${missing}: no such file or directory\n`,
      exitCode: 2,
    });
  });

  it('runs as the real binary', async () => {
    const child = spawnSync(
      process.execPath,
      ['packages/cli/bin/catalyst', 'specs', corpus, '--json'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, INIT_CWD: '' },
      },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual(
      JSON.parse((await run(corpus, '--json')).stdout),
    );
  }, 60_000);
});
