import { Octokit } from '@octokit/rest';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GithubSimulator } from './GithubSimulator';

const run = promisify(execFile);

describe('GithubSimulator.createRepositories', () => {
  let simulator: GithubSimulator;
  let octokit: Octokit;
  let workdir: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    octokit = new Octokit({
      baseUrl: simulator.urls.api,
      auth: simulator.token,
    });
    workdir = await fs.mkdtemp(join(tmpdir(), 'github-sim-bulk-test-'));
    await simulator.createRepositories([
      {
        fullName: 'acme/one',
        commits: [
          {
            message: 'feat(one): first',
            files: { 'README.md': '# one\n', 'src/a.ts': 'export {};\n' },
          },
          {
            message: 'chore(one): second',
            files: { 'src/a.ts': null, 'src/b.ts': 'export const b = 1;\n' },
          },
        ],
      },
      {
        fullName: 'acme/two',
        defaultBranch: 'trunk',
        commits: [
          // The same README as acme/one: one object, in the shared store.
          { message: 'first', files: { 'README.md': '# one\n' } },
        ],
      },
    ]);
  });
  afterAll(async () => {
    await simulator.stop();
    await fs.rm(workdir, { recursive: true, force: true });
  });

  it('serves each history, default branch and files through the API', async () => {
    const one = await octokit.rest.repos.get({ owner: 'acme', repo: 'one' });
    expect(one.data.default_branch).toBe('main');
    const two = await octokit.rest.repos.get({ owner: 'acme', repo: 'two' });
    expect(two.data.default_branch).toBe('trunk');

    const commits = await simulator.repository('acme/one').log('main');
    expect(commits).toEqual(['chore(one): second', 'feat(one): first']);
    const tip = (await simulator
      .repository('acme/one')
      .resolveRef('refs/heads/main'))!;
    const commit = await simulator.repository('acme/one').readCommit(tip);
    expect(commit).toMatchObject({
      message: 'chore(one): second',
      author: { name: 'Simulated GitHub', email: 'noreply@example.com' },
    });
    expect(commit!.parents).toHaveLength(1);

    const tree = await octokit.rest.git.getTree({
      owner: 'acme',
      repo: 'one',
      tree_sha: tip,
      recursive: 'true',
    });
    expect(
      tree.data.tree.filter(e => e.type === 'blob').map(e => e.path),
    ).toEqual(['README.md', 'src/b.ts']);
    expect(
      await simulator.repository('acme/two').readFile('trunk', 'README.md'),
    ).toBe('# one\n');
  });

  it('keeps objects in one shared store and refs in each repository', async () => {
    const dir = simulator.repository('acme/two').dir;
    const alternates = await fs.readFile(
      join(dir, 'objects', 'info', 'alternates'),
      'utf8',
    );
    const store = alternates.trim();
    expect(store).toBe(join(dir, '..', '..', '.objects.git', 'objects'));
    const { stdout: own } = await run('git', ['count-objects', '-v'], {
      cwd: dir,
    });
    expect(own).toMatch(/^count: 0$/m);
    expect(own).toMatch(/^in-pack: 0$/m);
    // Each repository's refs are its own: acme/two has no main.
    expect(
      await simulator.repository('acme/two').resolveRef('refs/heads/main'),
    ).toBeUndefined();
  });

  it('is cloned over git and takes a push like a repository created alone', async () => {
    const remote = `http://x-access-token:${simulator.token}@${simulator.host}/acme/one.git`;
    const clone = join(workdir, 'one');
    await run('git', ['clone', '--quiet', remote, clone]);
    expect(await fs.readFile(join(clone, 'src', 'b.ts'), 'utf8')).toBe(
      'export const b = 1;\n',
    );
    await fs.writeFile(join(clone, 'CHANGELOG.md'), '# changes\n');
    const identity = [
      '-c',
      'user.name=Dev',
      '-c',
      'user.email=dev@example.com',
    ];
    await run('git', ['add', '.'], { cwd: clone });
    await run('git', [...identity, 'commit', '--quiet', '-m', 'docs: log'], {
      cwd: clone,
    });
    await run('git', ['push', '--quiet', 'origin', 'main'], { cwd: clone });

    expect(await simulator.repository('acme/one').log('main')).toEqual([
      'docs: log',
      'chore(one): second',
      'feat(one): first',
    ]);
    // The push wrote into acme/one only.
    expect(await simulator.repository('acme/two').log('trunk')).toEqual([
      'first',
    ]);
  });

  it('refuses a name that exists or is not owner/name', async () => {
    await expect(
      simulator.createRepositories([{ fullName: 'acme/ONE', commits: [] }]),
    ).rejects.toThrow('Repository acme/ONE exists already');
    await expect(
      simulator.createRepositories([{ fullName: 'acme/../x', commits: [] }]),
    ).rejects.toThrow("Not a repository name: 'acme/../x'");
  });
});
