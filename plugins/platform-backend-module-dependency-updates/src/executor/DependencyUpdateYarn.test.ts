import {
  dependencyUpdateServices,
  sourceComponent,
} from '../__testUtils__/dependencyUpdateServices';
import { GithubSimulator } from '@catalyst/github-simulator';
import { parseSyml } from '@yarnpkg/parsers';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  executionContext,
  executorTask,
} from '@catalyst/plugin-platform-backend/testUtils';
import {
  startTestNpmRegistry,
  TestNpmRegistry,
} from '../__testUtils__/verdaccioRegistry';
import { yarnRepository, yarnTestEnv } from '../__testUtils__/yarnRepository';
import { leakingYarnRelease } from '../__testUtils__/leakingYarnRelease';
import {
  HostileProbeReport,
  leakedSecrets,
} from '@catalyst/checkout-guard/testUtils';

jest.setTimeout(180_000);

type YarnLock = Record<
  string,
  { version?: string; resolution?: string; checksum?: string }
>;

describe('dependency updates in a Yarn 4 repository', () => {
  let registry: TestNpmRegistry;
  let simulator: GithubSimulator;
  let yarnDir: string;
  let outerRegistry: string | undefined;
  let workDir: string;
  let files: Record<string, string>;
  let repositoryUrl: string;

  beforeAll(async () => {
    [registry, simulator] = await Promise.all([
      startTestNpmRegistry(),
      GithubSimulator.start(),
    ]);
    // The lockfile resolves `^1.0.0` to 1.2.0: the scanner must start there, not at 1.0.0.
    await registry.publish(
      { name: 'left-pad', version: '1.0.0' },
      { name: 'left-pad', version: '1.2.0' },
    );
    files = await yarnRepository(registry.url);
    await registry.publish({ name: 'left-pad', version: '1.3.0' });
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'feat: web', files }],
    });
    repositoryUrl = `${simulator.urls.web}/acme/web`;
    // The executor's Yarn keeps its global folder in a folder removed below
    // and gets the registry from the executor, not from this environment.
    yarnDir = await fs.mkdtemp(join(tmpdir(), 'dependency-yarn-'));
    Object.assign(process.env, yarnTestEnv(yarnDir));
    outerRegistry = process.env.YARN_NPM_REGISTRY_SERVER;
    delete process.env.YARN_NPM_REGISTRY_SERVER;
  });
  afterAll(async () => {
    for (const name of Object.keys(yarnTestEnv(yarnDir))) {
      delete process.env[name];
    }
    if (outerRegistry) process.env.YARN_NPM_REGISTRY_SERVER = outerRegistry;
    await Promise.all([
      registry.stop(),
      simulator.stop(),
      fs.rm(yarnDir, { recursive: true, force: true }),
    ]);
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'dependency-yarn-checkout-'));
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  function services() {
    return dependencyUpdateServices({
      simulator,
      registryUrl: registry.url,
      workDir,
      entities: [sourceComponent('web', `url:${repositoryUrl}/tree/main/`)],
    });
  }

  const scanContext = {
    now: new Date('2026-03-10T12:00:00Z'),
    signal: new AbortController().signal,
  };

  it('scans the yarn.lock version and refreshes the yarn.lock in one pull request', async () => {
    const before = parseSyml(files['yarn.lock']) as YarnLock;
    expect(before['left-pad@npm:^1.0.0']).toMatchObject({
      version: '1.2.0',
      resolution: 'left-pad@npm:1.2.0',
    });
    expect(before.__metadata).toBeDefined();

    const { scanner, executor } = services();
    const inputs = await scanner.scan(scanContext);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({
      subject: 'npm:left-pad',
      entityRef: 'component:default/web',
      title: 'Update left-pad to 1.3.0 in acme/web',
    });
    expect(inputs[0].payload!.updates).toEqual([
      expect.objectContaining({
        directory: '',
        name: 'left-pad',
        from: '1.2.0',
        to: '1.3.0',
        kind: 'minor',
      }),
    ]);

    const result = await executor.execute(
      executorTask('dependency_update', repositoryUrl, {
        subject: inputs[0].subject,
        payload: inputs[0].payload,
      }),
      executionContext('apply', 'auto-merge'),
    );
    expect(result.outcome).toBe('done');
    const pulls = simulator.pulls('acme/web');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      title: 'chore(deps): update left-pad to 1.3.0',
      head: { ref: 'chore/dependency-update-npm-left-pad' },
    });
    expect(pulls[0].body).toContain(
      '| `left-pad` | . | 1.2.0 | 1.3.0 | minor | - |',
    );

    const repo = simulator.repository('acme/web');
    const branch = 'refs/heads/chore/dependency-update-npm-left-pad';
    const changed = await repo.git([
      'diff',
      '--name-only',
      'refs/heads/main',
      branch,
    ]);
    expect(changed.trim().split('\n')).toEqual(['package.json', 'yarn.lock']);
    expect(await repo.readFile(branch, 'package.json')).toBe(
      files['package.json'].replace('^1.0.0', '^1.3.0'),
    );
    const after = parseSyml(
      (await repo.readFile(branch, 'yarn.lock'))!,
    ) as YarnLock;
    expect(after['left-pad@npm:^1.0.0']).toBeUndefined();
    expect(after['left-pad@npm:^1.3.0']).toMatchObject({
      version: '1.3.0',
      resolution: 'left-pad@npm:1.3.0',
    });
    expect(after['left-pad@npm:^1.3.0'].checksum).toMatch(/\S/);
    expect(after['left-pad@npm:^1.3.0'].checksum).not.toBe(
      before['left-pad@npm:^1.0.0'].checksum,
    );
    expect(after['web@workspace:.']).toMatchObject({
      dependencies: { 'left-pad': 'npm:^1.3.0' },
    });
    expect(after.__metadata).toEqual(before.__metadata);
  });

  it("runs a repository-pinned yarnPath without the backend's variables or files", async () => {
    const outside = await fs.mkdtemp(join(tmpdir(), 'dependency-outside-'));
    const saved = process.env.GITHUB_TOKEN;
    try {
      await fs.writeFile(join(outside, 'secrets.yaml'), 'token: ghp_file\n');
      process.env.GITHUB_TOKEN = 'ghp_yarn_backend_secret';
      process.env.POSTGRES_PASSWORD = 'db_backend_secret';
      const release = /^yarnPath: (.+)$/m.exec(files['.yarnrc.yml'])![1];
      const evil = release.replace(/[^/]+$/, 'evil.cjs');
      await simulator.createRepository('acme/leaky', {
        commits: [
          {
            message: 'feat: leaky',
            files: {
              ...files,
              '.yarnrc.yml': files['.yarnrc.yml'].replace(release, evil),
              [evil]: leakingYarnRelease({
                realRelease: release.split('/').pop()!,
                outsideFile: join(outside, 'secrets.yaml'),
              }),
            },
          },
        ],
      });
      const leakyUrl = `${simulator.urls.web}/acme/leaky`;
      const result = await services().executor.execute(
        executorTask('dependency_update', leakyUrl, {
          subject: 'npm:left-pad',
          payload: {
            repositoryUrl: leakyUrl,
            updates: [
              {
                ecosystem: 'npm',
                directory: '',
                name: 'left-pad',
                from: '1.2.0',
                to: '1.3.0',
                section: 'dependencies',
                kind: 'minor',
                advisories: [],
              },
            ],
          },
        }),
        executionContext('apply', 'auto-merge'),
      );
      expect(result.outcome).toBe('done');
      const branch = 'refs/heads/chore/dependency-update-npm-left-pad';
      const repo = simulator.repository('acme/leaky');
      // The lockfile was still refreshed by the pinned release, in isolation.
      expect(
        (parseSyml((await repo.readFile(branch, 'yarn.lock'))!) as YarnLock)[
          'left-pad@npm:^1.3.0'
        ],
      ).toMatchObject({ version: '1.3.0' });
      const leak = JSON.parse(
        (await repo.readFile(branch, 'leak.json'))!,
      ) as HostileProbeReport;
      expect(
        leakedSecrets(leak, ['ghp_yarn_backend_secret', 'db_backend_secret']),
      ).toEqual([]);
      expect(leak.env.HOME).not.toBe(process.env.HOME);
      expect(leak.outside).toBe('refused: ENOENT');
    } finally {
      if (saved === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = saved;
      delete process.env.POSTGRES_PASSWORD;
      await fs.rm(outside, { recursive: true, force: true });
    }
  });
});
