import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readNpmLockedVersions } from '../npmManifest/readNpmLockedVersions';
import { findNpmWorkspaces } from './findNpmWorkspaces';
import { readNpmWorkspacePatterns } from './readNpmWorkspacePatterns';

describe('readNpmWorkspacePatterns', () => {
  it('reads an array, Yarn’s packages object and pnpm-workspace.yaml', () => {
    expect(
      readNpmWorkspacePatterns({
        packageJson: JSON.stringify({ workspaces: ['packages/*', 'app'] }),
      }),
    ).toEqual(['packages/*', 'app']);
    expect(
      readNpmWorkspacePatterns({
        packageJson: JSON.stringify({
          workspaces: { packages: ['plugins/**'], nohoist: ['x'] },
        }),
      }),
    ).toEqual(['plugins/**']);
    expect(
      readNpmWorkspacePatterns({
        packageJson: JSON.stringify({ name: 'root' }),
        pnpmWorkspaceYaml: [
          '# the apps',
          'packages:',
          "  - 'apps/*'",
          '  - "libs/**" # nested',
          '  - !libs/legacy',
          'catalog:',
          '  - not-a-package',
          '',
        ].join('\n'),
      }),
    ).toEqual(['apps/*', 'libs/**', '!libs/legacy']);
    expect(
      readNpmWorkspacePatterns({ packageJson: JSON.stringify({ name: 'x' }) }),
    ).toEqual([]);
  });
});

describe('findNpmWorkspaces', () => {
  let root: string;
  const manifest = async (folder: string, name?: string) => {
    const file = join(root, folder, 'package.json');
    await fs.mkdir(dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ name }));
  };

  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'npm-workspaces-'));
    await manifest('', 'root');
    await manifest('packages/a', '@acme/a');
    await manifest('packages/b', 'b');
    await manifest('packages/legacy', 'legacy');
    await manifest('packages/a/node_modules/dep', 'dep');
    await manifest('plugins/group/deep', 'deep');
    await manifest('plugins/flat');
    await manifest('other/x', 'x');
    await fs.mkdir(join(root, 'packages/no-manifest'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('expands `*` and `**` to folders with a package.json, minus negations', async () => {
    const found = await findNpmWorkspaces(root, [
      './packages/*',
      '!packages/legacy',
      'plugins/**',
      '../outside/*',
    ]);
    expect(found.folders).toEqual([
      'packages/a',
      'packages/b',
      'plugins/flat',
      'plugins/group/deep',
    ]);
    expect([...found.names].sort()).toEqual(['@acme/a', 'b', 'deep']);
  });
});

describe('readNpmLockedVersions in a workspace', () => {
  it('prefers the workspace’s own nested entries over hoisted ones', () => {
    const lockfile = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { workspaces: ['packages/*'] },
        'node_modules/left-pad': { version: '1.0.0' },
        'node_modules/a': { resolved: 'packages/a', link: true },
        'packages/a/node_modules/left-pad': { version: '2.0.1' },
        'packages/b/node_modules/left-pad': { version: '3.0.0' },
      },
    });
    expect(readNpmLockedVersions(lockfile, 'packages/a').get('left-pad')).toBe(
      '2.0.1',
    );
    expect(readNpmLockedVersions(lockfile, 'packages/c').get('left-pad')).toBe(
      '1.0.0',
    );
    expect(readNpmLockedVersions(lockfile).get('left-pad')).toBe('1.0.0');
  });
});
