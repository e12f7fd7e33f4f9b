import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DefaultIsolatedToolRunner,
  readIsolationConfig,
} from './isolatedToolRunner';

describe('DefaultIsolatedToolRunner', () => {
  let checkout: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    checkout = await fs.mkdtemp(join(tmpdir(), 'tool-runner-'));
    process.env.GITHUB_TOKEN = 'ghp_runner_secret';
  });
  afterEach(async () => {
    process.env.GITHUB_TOKEN = saved.GITHUB_TOKEN;
    process.env.PATH = saved.PATH;
    if (saved.GITHUB_TOKEN === undefined) delete process.env.GITHUB_TOKEN;
    await fs.rm(checkout, { recursive: true, force: true });
  });

  it.each(['bwrap', 'none'] as const)(
    'runs a tool on the backend Node.js with an allowlisted environment (%s)',
    async mode => {
      const runner = new DefaultIsolatedToolRunner({
        mode,
        npmRegistry: 'http://127.0.0.1:4873/',
      });
      const result = await runner.run(
        'node',
        ['-e', 'console.log(JSON.stringify(process.env))'],
        { cwd: checkout, network: true },
      );
      const env = JSON.parse(result.stdout);
      expect(env.GITHUB_TOKEN).toBeUndefined();
      expect(result.stdout).not.toContain('ghp_runner_secret');
      expect(env).toMatchObject({
        NPM_CONFIG_REGISTRY: 'http://127.0.0.1:4873/',
        YARN_NPM_REGISTRY_SERVER: 'http://127.0.0.1:4873',
        NPM_CONFIG_USERCONFIG: '/nonexistent/user-npmrc',
      });
      expect(env.HOME).toBeDefined();
      expect(env.HOME).not.toBe(saved.HOME);
    },
  );

  it('gives linters and formatters no registry and fails on an unexpected exit code', async () => {
    const runner = new DefaultIsolatedToolRunner({
      mode: 'bwrap',
      npmRegistry: 'http://127.0.0.1:4873/',
    });
    const env = JSON.parse(
      (
        await runner.run(
          'node',
          ['-e', 'console.log(JSON.stringify(process.env))'],
          { cwd: checkout },
        )
      ).stdout,
    );
    expect(env.NPM_CONFIG_REGISTRY).toBeUndefined();
    await expect(
      runner.run(
        'node',
        ['-e', 'console.error("lint broke"); process.exit(2)'],
        {
          cwd: checkout,
        },
      ),
    ).rejects.toThrow(/exit 2.*lint broke/);
    await expect(
      runner.run('node', ['-e', 'process.exit(1)'], {
        cwd: checkout,
        okCodes: [0, 1],
      }),
    ).resolves.toMatchObject({ exitCode: 1 });
  });

  it('refuses to run, for good, when the configured isolation is unavailable', async () => {
    process.env.PATH = '/nonexistent';
    const runner = new DefaultIsolatedToolRunner({ mode: 'bwrap' });
    const run = runner.run('/bin/true', [], { cwd: checkout });
    await expect(run).rejects.toThrow(NotAllowedError);
    await expect(run).rejects.toThrow(/platform\.isolation\.mode: none/);
  });

  it('refuses a repository-pinned yarnPath or plugins without isolation', async () => {
    const runner = new DefaultIsolatedToolRunner({ mode: 'none' });
    const workspace = join(checkout, 'packages', 'web');
    await fs.mkdir(workspace, { recursive: true });
    await fs.writeFile(
      join(checkout, '.yarnrc.yml'),
      'yarnPath: .yarn/releases/evil.cjs\n',
    );
    await expect(
      runner.run('yarn', ['--version'], { cwd: workspace }),
    ).rejects.toThrow(NotAllowedError);
    await fs.writeFile(
      join(checkout, '.yarnrc.yml'),
      'plugins:\n  - path: .yarn/plugins/evil.cjs\n',
    );
    await expect(
      runner.run('yarn', ['--version'], { cwd: checkout }),
    ).rejects.toThrow(/plugins/);
  });

  it('reads platform.isolation and refuses nonsense', () => {
    expect(readIsolationConfig(new ConfigReader({}))).toMatchObject({
      mode: 'bwrap',
      timeoutMs: 600_000,
    });
    expect(
      readIsolationConfig(
        new ConfigReader({
          platform: {
            isolation: { mode: 'none', toolchain: ['/opt/yarn/bin'] },
          },
        }),
      ),
    ).toMatchObject({ mode: 'none', toolchain: ['/opt/yarn/bin'] });
    const read = (isolation: object) => () =>
      readIsolationConfig(new ConfigReader({ platform: { isolation } }));
    expect(read({ mode: 'docker' })).toThrow(/must be one of bwrap, none/);
    expect(read({ toolchain: ['bin'] })).toThrow(/absolute folders/);
    expect(read({ timeoutSeconds: 0 })).toThrow(/positive/);
    expect(read({ npmRegistry: 'registry' })).toThrow(/http\(s\) URL/);
  });
});
