import { readLockedVersions } from './readLockedVersions';

const MANIFEST = JSON.stringify({
  dependencies: { 'left-pad': '^1.0.0' },
  devDependencies: { jest: '^29.0.0' },
});

const YARN_LOCK = `__metadata:
  version: 8
  cacheKey: 10c0

"jest@npm:^29.0.0":
  version: 29.7.0
  resolution: "jest@npm:29.7.0"
  languageName: node
  linkType: hard

"left-pad@npm:^1.0.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  languageName: node
  linkType: hard
`;

const PACKAGE_LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: {
    '': { dependencies: { 'left-pad': '^1.0.0' } },
    'node_modules/left-pad': { version: '1.1.0' },
    'packages/a/node_modules/left-pad': { version: '1.2.0' },
  },
});

const reader =
  (files: Record<string, string>) =>
  async (file: string): Promise<string | undefined> =>
    files[file];

describe('readLockedVersions', () => {
  it('reads the yarn.lock when there is no npm lockfile', async () => {
    await expect(
      readLockedVersions(reader({ 'yarn.lock': YARN_LOCK }), '', MANIFEST),
    ).resolves.toEqual(
      new Map([
        ['left-pad', '1.3.0'],
        ['jest', '29.7.0'],
      ]),
    );
  });

  it('prefers the npm lockfile and its workspace entries', async () => {
    const read = reader({
      'package-lock.json': PACKAGE_LOCK,
      'yarn.lock': YARN_LOCK,
    });
    await expect(readLockedVersions(read, '', MANIFEST)).resolves.toEqual(
      new Map([['left-pad', '1.1.0']]),
    );
    await expect(
      readLockedVersions(read, 'packages/a', MANIFEST),
    ).resolves.toEqual(new Map([['left-pad', '1.2.0']]));
  });

  it('gives no versions without a lockfile', async () => {
    await expect(readLockedVersions(reader({}), '', MANIFEST)).resolves.toEqual(
      new Map(),
    );
  });
});
