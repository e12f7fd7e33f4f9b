import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { testToolRunner } from '../__testUtils__/testToolRunner';
import { GithubSimulator } from '@catalyst/github-simulator';
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
import { DependencyUpdate } from '../dependencies/types';
import { DependencyUpdateExecutor } from './DependencyUpdateExecutor';
import { runCommand } from '@catalyst/plugin-platform-node';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';

jest.setTimeout(180_000);

// Four spaces and a field after the dependencies: both must survive the edit.
const MANIFEST = `{
    "name": "web",
    "version": "1.0.0",
    "dependencies": {
        "left-pad": "1.2.0",
        "vuln-dep": "^1.0.0"
    },
    "files": ["index.js"]
}
`;

const UPDATES: DependencyUpdate[] = [
  {
    ecosystem: 'npm',
    directory: '',
    name: 'vuln-dep',
    section: 'dependencies',
    from: '1.0.0',
    to: '1.0.1',
    kind: 'patch',
    advisories: [
      {
        ghsaId: 'GHSA-vuln-dep0-0001',
        severity: 'high',
        summary: 'Command injection in vuln-dep',
        url: 'http://127.0.0.1/advisories/GHSA-vuln-dep0-0001',
        packageName: 'vuln-dep',
        vulnerableVersionRange: '< 1.0.1',
        firstPatchedVersion: '1.0.1',
      },
    ],
  },
  {
    ecosystem: 'npm',
    directory: '',
    name: 'left-pad',
    section: 'dependencies',
    from: '1.2.0',
    to: '1.3.0',
    kind: 'minor',
    advisories: [],
  },
];

type Lockfile = {
  packages: Record<string, { version?: string; resolved?: string }>;
};

describe('DependencyUpdateExecutor', () => {
  let registry: TestNpmRegistry;
  let simulator: GithubSimulator;
  let workDir: string;
  let lockfile: string;

  beforeAll(async () => {
    [registry, simulator] = await Promise.all([
      startTestNpmRegistry(),
      GithubSimulator.start(),
    ]);
    await registry.publish(
      { name: 'left-pad', version: '1.2.0' },
      { name: 'vuln-dep', version: '1.0.0' },
    );
    // The repository's lockfile, from before the new versions were published.
    const locked = await fs.mkdtemp(join(tmpdir(), 'dependency-lock-'));
    await fs.writeFile(join(locked, 'package.json'), MANIFEST);
    await runCommand(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--omit-lockfile-registry-resolved=false',
        '--registry',
        registry.url,
        '--cache',
        join(locked, '.npm'),
      ],
      { cwd: locked },
    );
    lockfile = await fs.readFile(join(locked, 'package-lock.json'), 'utf8');
    await fs.rm(locked, { recursive: true, force: true });
    await registry.publish(
      { name: 'left-pad', version: '1.3.0' },
      { name: 'vuln-dep', version: '1.0.1' },
    );
  });
  afterAll(async () => {
    await Promise.all([registry.stop(), simulator.stop()]);
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'dependency-update-'));
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  function setUp() {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    return new DependencyUpdateExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      tools: testToolRunner(),
      npmRegistry: registry.url,
    });
  }

  const task = (repository: string, overrides: Partial<PlatformTask> = {}) =>
    executorTask('dependency_update', `${simulator.urls.web}/${repository}`, {
      subject: 'npm:non-major',
      ...overrides,
      payload: {
        repositoryUrl: `${simulator.urls.web}/${repository}`,
        updates: UPDATES,
        ...overrides.payload,
      },
    });

  it('opens one pull request with the edited manifest and a refreshed lockfile', async () => {
    expect(
      JSON.parse(lockfile).packages['node_modules/left-pad'],
    ).toMatchObject({
      version: '1.2.0',
      resolved: `${registry.url}left-pad/-/left-pad-1.2.0.tgz`,
    });
    await simulator.createRepository('acme/web', {
      commits: [
        {
          message: 'feat: web',
          files: { 'package.json': MANIFEST, 'package-lock.json': lockfile },
        },
      ],
    });
    const executor = setUp();

    const dryRun = await executor.execute(
      task('acme/web', { approvalPolicy: 'dry-run' }),
      executionContext('prepare', 'dry-run'),
    );
    expect(dryRun.outcome).toBe('done');
    expect(dryRun.diff).toContain('-        "left-pad": "1.2.0",');
    expect(dryRun.diff).toContain('+        "left-pad": "1.3.0",');
    expect(dryRun.diff).toContain('+        "vuln-dep": "^1.0.1"');
    expect(dryRun.diff).toContain('package-lock.json');
    const waiting = await executor.execute(
      task('acme/web', { approvalPolicy: 'require-approval' }),
      executionContext('prepare', 'require-approval'),
    );
    expect(waiting.outcome).toBe('awaiting_approval');
    expect(simulator.pulls('acme/web')).toHaveLength(0);

    const applied = await executor.execute(
      task('acme/web'),
      executionContext('apply', 'auto-merge'),
    );
    expect(applied.outcome).toBe('done');
    const pulls = simulator.pulls('acme/web');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      title: 'chore(deps): update 2 dependencies (non-major)',
      head: { ref: 'chore/dependency-update-npm-non-major' },
    });
    expect(pulls[0].body).toContain(
      '| `vuln-dep` | . | 1.0.0 | 1.0.1 | patch | [GHSA-vuln-dep0-0001]',
    );
    expect(pulls[0].body).toContain(
      '**GHSA-vuln-dep0-0001** (high) in `vuln-dep`',
    );
    expect(pulls[0].body).toContain(
      'Vulnerable: `< 1.0.1`; patched in `1.0.1`',
    );
    expect(applied.linkedPr?.number).toBe(pulls[0].number);

    const repo = simulator.repository('acme/web');
    const branch = 'refs/heads/chore/dependency-update-npm-non-major';
    const manifest = await repo.readFile(branch, 'package.json');
    expect(manifest).toBe(
      MANIFEST.replace('"left-pad": "1.2.0"', '"left-pad": "1.3.0"').replace(
        '"vuln-dep": "^1.0.0"',
        '"vuln-dep": "^1.0.1"',
      ),
    );
    const lock = JSON.parse(
      (await repo.readFile(branch, 'package-lock.json'))!,
    ) as Lockfile;
    expect(lock.packages['']).toMatchObject({
      dependencies: { 'left-pad': '1.3.0', 'vuln-dep': '^1.0.1' },
    });
    expect(lock.packages['node_modules/left-pad']).toMatchObject({
      version: '1.3.0',
      resolved: `${registry.url}left-pad/-/left-pad-1.3.0.tgz`,
    });
    expect(lock.packages['node_modules/vuln-dep']).toMatchObject({
      version: '1.0.1',
      resolved: `${registry.url}vuln-dep/-/vuln-dep-1.0.1.tgz`,
    });
    const [commit] = await repo.log(branch);
    expect(commit).toContain('chore(deps): update 2 dependencies (non-major)');

    // A second run updates the same pull request instead of opening another.
    const again = await executor.execute(
      task('acme/web'),
      executionContext('apply', 'auto-merge'),
    );
    expect(again.linkedPr?.number).toBe(pulls[0].number);
    expect(simulator.pulls('acme/web')).toHaveLength(1);
  });

  it('has nothing to do when the manifest is already at the versions', async () => {
    await simulator.createRepository('acme/current', {
      commits: [
        {
          message: 'feat: current',
          files: {
            'package.json': MANIFEST.replace('1.2.0', '1.3.0').replace(
              '^1.0.0',
              '^1.0.1',
            ),
          },
        },
      ],
    });
    const result = await setUp().execute(
      task('acme/current'),
      executionContext('apply', 'auto-merge'),
    );
    expect(result.outcome).toBe('nothing_to_do');
    expect(simulator.pulls('acme/current')).toHaveLength(0);
  });

  it('rejects a payload that names no updates or leaves the repository', async () => {
    const executor = setUp();
    await expect(
      executor.execute(
        task('acme/web', { payload: { updates: [] } }),
        executionContext('apply', 'auto-merge'),
      ),
    ).rejects.toThrow(/Invalid updates of task 1/);
    await expect(
      executor.execute(
        task('acme/web', {
          payload: { updates: [{ ...UPDATES[0], directory: '../outside' }] },
        }),
        executionContext('apply', 'auto-merge'),
      ),
    ).rejects.toThrow(/must be a folder inside the repository/);
  });

  it('returns the diff of a dry run and opens nothing', async () => {
    const repository = 'acme/dry-run';
    await simulator.createRepository(repository, {
      commits: [
        {
          message: 'feat: web',
          files: { 'package.json': MANIFEST, 'package-lock.json': lockfile },
        },
      ],
    });
    const result = await setUp().execute(
      task(repository, { approvalPolicy: 'dry-run' }),
      executionContext('prepare', 'dry-run'),
    );
    expect(result.outcome).toBe('done');
    expect(result.diff).toContain('+        "left-pad": "1.3.0",');
    expect(result.diff).toContain(
      `${registry.url}left-pad/-/left-pad-1.3.0.tgz`,
    );
    expect(simulator.pulls(repository)).toHaveLength(0);
  });
});
