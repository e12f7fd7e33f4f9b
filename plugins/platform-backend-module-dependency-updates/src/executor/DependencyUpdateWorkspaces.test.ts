import {
  dependencyUpdateServices,
  sourceComponent,
} from '../__testUtils__/dependencyUpdateServices';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  executionContext,
  executorTask,
} from '@catalyst/plugin-platform-backend/testUtils';
import { npmWorkspaceRepository } from '../__testUtils__/npmWorkspaceRepository';
import {
  startTestNpmRegistry,
  TestNpmRegistry,
} from '../__testUtils__/verdaccioRegistry';

jest.setTimeout(180_000);

type Lockfile = {
  packages: Record<
    string,
    { version?: string; resolved?: string; dependencies?: object }
  >;
};

describe('dependency updates in npm workspaces', () => {
  let registry: TestNpmRegistry;
  let simulator: GithubSimulator;
  let workDir: string;
  let repositoryUrl: string;

  beforeAll(async () => {
    [registry, simulator] = await Promise.all([
      startTestNpmRegistry(),
      GithubSimulator.start(),
    ]);
    // `@acme/b` is also on the registry: as a workspace it must still be left alone.
    await registry.publish(
      { name: 'left-pad', version: '1.0.0' },
      { name: 'right-pad', version: '2.0.0' },
      { name: '@acme/b', version: '1.0.0' },
    );
    const files = await npmWorkspaceRepository(registry.url);
    await registry.publish(
      { name: 'left-pad', version: '1.1.0' },
      { name: 'right-pad', version: '2.0.3' },
      { name: '@acme/b', version: '1.5.0' },
    );
    await simulator.createRepository('acme/monorepo', {
      commits: [{ message: 'feat: workspaces', files }],
    });
    repositoryUrl = `${simulator.urls.web}/acme/monorepo`;
  });
  afterAll(async () => {
    await Promise.all([registry.stop(), simulator.stop()]);
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'dependency-workspaces-'));
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  function services() {
    return dependencyUpdateServices({
      simulator,
      registryUrl: registry.url,
      workDir,
      entities: [
        sourceComponent('monorepo', `url:${repositoryUrl}/tree/main/`),
        sourceComponent('a', `url:${repositoryUrl}/tree/main/packages/a/`),
      ],
    });
  }

  const scanContext = {
    now: new Date('2026-03-10T12:00:00Z'),
    signal: new AbortController().signal,
  };

  it('finds one task per dependency covering every workspace that uses it', async () => {
    const inputs = await services().scanner.scan(scanContext);
    expect(
      inputs.map(input => [
        input.subject,
        input.entityRef,
        input.title,
        (input.payload!.updates as { directory: string; from: string }[]).map(
          u => `${u.directory}@${u.from}`,
        ),
      ]),
    ).toEqual([
      [
        'npm:left-pad',
        'component:default/a',
        'Update left-pad to 1.1.0 in acme/monorepo',
        ['packages/a@1.0.0', 'packages/b@1.0.0'],
      ],
      [
        'npm:right-pad',
        'component:default/monorepo',
        'Update right-pad to 2.0.3 in acme/monorepo',
        ['packages/b@2.0.0'],
      ],
    ]);
    expect(inputs[0].payload!.updates).toEqual([
      expect.objectContaining({
        directory: 'packages/a',
        workspaceRoot: '',
        name: 'left-pad',
        to: '1.1.0',
      }),
      expect.objectContaining({
        directory: 'packages/b',
        workspaceRoot: '',
        name: 'left-pad',
        to: '1.1.0',
      }),
    ]);
  });

  it('edits every workspace manifest and refreshes the root lockfile once', async () => {
    const { scanner, executor } = services();
    const [leftPad] = await scanner.scan(scanContext);
    const result = await executor.execute(
      executorTask('dependency_update', repositoryUrl, {
        subject: leftPad.subject,
        payload: leftPad.payload,
      }),
      executionContext('apply', 'auto-merge'),
    );
    expect(result.outcome).toBe('done');
    const pulls = simulator.pulls('acme/monorepo');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      title: 'chore(deps): update left-pad to 1.1.0',
      head: { ref: 'chore/dependency-update-npm-left-pad' },
    });
    expect(pulls[0].body).toContain(
      '| `left-pad` | packages/a | 1.0.0 | 1.1.0 | minor | - |',
    );
    expect(pulls[0].body).toContain(
      '| `left-pad` | packages/b | 1.0.0 | 1.1.0 | minor | - |',
    );
    expect(pulls[0].body).toContain(
      "Workspaces changed: `packages/a`, `packages/b`; the workspace root's lockfile (`.`) was refreshed once.",
    );

    const repo = simulator.repository('acme/monorepo');
    const branch = 'refs/heads/chore/dependency-update-npm-left-pad';
    const changed = await repo.git([
      'diff',
      '--name-only',
      'refs/heads/main',
      branch,
    ]);
    expect(changed.trim().split('\n')).toEqual([
      'package-lock.json',
      'packages/a/package.json',
      'packages/b/package.json',
    ]);
    const manifest = async (path: string) =>
      JSON.parse((await repo.readFile(branch, path))!);
    await expect(manifest('packages/a/package.json')).resolves.toMatchObject({
      dependencies: { '@acme/b': '^1.0.0', 'left-pad': '^1.1.0' },
    });
    await expect(manifest('packages/b/package.json')).resolves.toMatchObject({
      dependencies: { 'left-pad': '^1.1.0', 'right-pad': '~2.0.0' },
    });
    const lock = (await manifest('package-lock.json')) as Lockfile;
    expect(lock.packages['node_modules/left-pad']).toMatchObject({
      version: '1.1.0',
      resolved: `${registry.url}left-pad/-/left-pad-1.1.0.tgz`,
    });
    expect(lock.packages['node_modules/right-pad']).toMatchObject({
      version: '2.0.0',
    });
    expect(lock.packages['packages/a']).toMatchObject({
      dependencies: { 'left-pad': '^1.1.0' },
    });
    expect(lock.packages['packages/b']).toMatchObject({
      dependencies: { 'left-pad': '^1.1.0' },
    });
    expect(
      Object.keys(lock.packages).filter(path => path.endsWith('/left-pad')),
    ).toEqual(['node_modules/left-pad']);
  });
});
