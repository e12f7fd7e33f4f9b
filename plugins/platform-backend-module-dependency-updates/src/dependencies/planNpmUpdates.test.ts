import { readNpmDependencies } from './npmManifest/readNpmDependencies';
import { readNpmLockedVersions } from './npmManifest/readNpmLockedVersions';
import { NpmPackument } from './npmRegistry/NpmRegistryClient';
import { planNpmUpdates } from './planNpmUpdates';

const MANIFEST = JSON.stringify({
  dependencies: {
    'left-pad': '^1.2.0',
    'right-pad': '^2.0.0',
    '@acme/util': '~3.0.0',
    stale: '^4.1.0',
  },
});

// v3 layout for most, a v1 `dependencies` entry for @acme/util, a stale lock for `stale`.
const LOCKFILE = JSON.stringify({
  lockfileVersion: 3,
  packages: {
    '': {},
    'node_modules/left-pad': { version: '1.2.5' },
    'node_modules/right-pad': { version: '2.1.0' },
    'node_modules/left-pad/node_modules/nested': { version: '9.9.9' },
    'node_modules/stale': { version: '4.0.0' },
  },
  dependencies: { '@acme/util': { version: '3.0.2' } },
});

const packument = (name: string, latest: string): [string, NpmPackument] => [
  name,
  { name, distTags: { latest }, versions: [latest], time: {} },
];

const advisory = (packageName: string, vulnerableVersionRange: string) => ({
  ghsaId: `GHSA-${packageName}`,
  severity: 'high' as const,
  summary: 'A flaw',
  url: 'http://127.0.0.1/advisory',
  packageName,
  vulnerableVersionRange,
  firstPatchedVersion: null,
});

describe('planNpmUpdates', () => {
  it('compares the registry with the locked versions and matches advisories to them', () => {
    const locked = readNpmLockedVersions(LOCKFILE);
    expect(Object.fromEntries(locked)).toEqual({
      'left-pad': '1.2.5',
      'right-pad': '2.1.0',
      stale: '4.0.0',
      '@acme/util': '3.0.2',
    });
    const updates = planNpmUpdates({
      directory: '',
      dependencies: readNpmDependencies(MANIFEST),
      locked,
      packuments: new Map([
        packument('left-pad', '1.3.0'),
        packument('right-pad', '2.1.0'),
        packument('@acme/util', '3.1.0'),
        packument('stale', '4.2.0'),
      ]),
      advisories: [
        // The lockfile already has the fix: not this update's to claim.
        advisory('left-pad', '< 1.2.3'),
        advisory('@acme/util', '>= 3.0.0, < 3.0.3'),
      ],
    });
    expect(
      updates.map(u => [u.name, u.from, u.to, u.kind, u.advisories.length]),
    ).toEqual([
      ['left-pad', '1.2.5', '1.3.0', 'minor', 0],
      ['@acme/util', '3.0.2', '3.1.0', 'minor', 1],
      // A lock that no longer satisfies the range is ignored.
      ['stale', '4.1.0', '4.2.0', 'minor', 0],
    ]);
  });

  it('skips pre-release and older latest tags', () => {
    expect(
      planNpmUpdates({
        directory: '',
        dependencies: readNpmDependencies(MANIFEST),
        packuments: new Map([
          packument('left-pad', '2.0.0-beta.1'),
          packument('right-pad', '1.9.0'),
        ]),
        advisories: [],
      }),
    ).toEqual([]);
  });
});
