import {
  describeDependencyUpdates,
  groupDependencyUpdates,
} from './groupDependencyUpdates';
import { DependencyUpdate } from './types';

const update = (
  name: string,
  kind: DependencyUpdate['kind'],
  overrides: Partial<DependencyUpdate> = {},
): DependencyUpdate => ({
  ecosystem: 'npm',
  directory: '',
  name,
  section: 'dependencies',
  from: '1.0.0',
  to: { major: '2.0.0', minor: '1.1.0', patch: '1.0.1' }[kind],
  kind,
  advisories: [],
  ...overrides,
});

const advisory = (severity: 'critical' | 'high' | 'low') => ({
  ghsaId: `GHSA-${severity}`,
  severity,
  summary: 'Prototype pollution',
  url: 'http://127.0.0.1/advisories',
  packageName: 'x',
  vulnerableVersionRange: '< 1.0.1',
  firstPatchedVersion: '1.0.1',
});

const UPDATES = [
  update('a', 'minor'),
  update('b', 'patch'),
  update('c', 'major'),
  update('d', 'patch', { advisories: [advisory('low')] }),
  update('e', 'minor', { advisories: [advisory('critical')] }),
  update('f', 'patch', { directory: 'packages/api' }),
];

const subjects = (grouping: Parameters<typeof groupDependencyUpdates>[1]) =>
  groupDependencyUpdates(UPDATES, grouping).map(group => [
    group.subject,
    group.priority,
    group.updates.map(u => u.name).join(','),
  ]);

describe('groupDependencyUpdates', () => {
  it('makes a task per dependency, security fixes first by severity', () => {
    expect(subjects('per-dependency')).toEqual([
      ['npm:e', 40, 'e'],
      ['npm:d', 10, 'd'],
      ['npm:a', 0, 'a'],
      ['npm:b', 0, 'b'],
      ['npm:c', 0, 'c'],
      ['packages/api:npm:f', 0, 'f'],
    ]);
  });

  it('bundles non-major updates per manifest, majors and security fixes alone', () => {
    expect(subjects('non-major-together')).toEqual([
      ['npm:e', 40, 'e'],
      ['npm:d', 10, 'd'],
      ['npm:c', 0, 'c'],
      ['npm:non-major', 0, 'a,b'],
      ['packages/api:npm:non-major', 0, 'f'],
    ]);
  });

  it('bundles every manifest’s non-major updates per repository', () => {
    expect(subjects('per-repository')).toEqual([
      ['npm:e', 40, 'e'],
      ['npm:d', 10, 'd'],
      ['non-major', 0, 'a,b,f'],
      ['npm:c', 0, 'c'],
    ]);
  });

  it('gives the manifests of one workspace root one task per dependency', () => {
    const inWorkspace = (name: string, directory: string) =>
      update(name, 'minor', { directory, workspaceRoot: '' });
    const groups = groupDependencyUpdates(
      [
        inWorkspace('a', 'packages/x'),
        inWorkspace('a', 'packages/y'),
        inWorkspace('b', 'packages/y'),
        update('a', 'minor', { directory: 'standalone' }),
      ],
      'per-dependency',
    );
    expect(
      groups.map(group => [
        group.subject,
        group.updates.map(u => u.directory).join(','),
        describeDependencyUpdates(group.updates),
      ]),
    ).toEqual([
      ['npm:a', 'packages/x,packages/y', 'update a to 1.1.0'],
      ['npm:b', 'packages/y', 'update b to 1.1.0'],
      ['standalone:npm:a', 'standalone', 'update a to 1.1.0'],
    ]);
  });

  it('describes one update by version and several by count', () => {
    expect(describeDependencyUpdates([update('a', 'minor')])).toBe(
      'update a to 1.1.0',
    );
    expect(
      describeDependencyUpdates([update('a', 'minor'), update('b', 'patch')]),
    ).toBe('update 2 dependencies (non-major)');
  });
});
