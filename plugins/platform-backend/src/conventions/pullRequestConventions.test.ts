import {
  goConventionPack,
  typescriptConventionPack,
} from '@catalyst/conventions';
import { resolvePullRequestConventions } from './pullRequestConventions';

const packs = [goConventionPack, typescriptConventionPack];
const tree = new Set(['package.json', 'src/index.ts']);

describe('resolvePullRequestConventions', () => {
  it('detects the pack without a catalyst.yaml', () => {
    const resolved = resolvePullRequestConventions(packs, tree, undefined);
    expect(resolved.pack).toBe(typescriptConventionPack);
    expect(resolved.findings).toEqual([]);
    expect(resolved.isIgnored('src/index.ts')).toBe(false);
  });

  it('takes the pack catalyst.yaml names over detection, with its overrides', () => {
    const resolved = resolvePullRequestConventions(
      packs,
      tree,
      'conventions:\n  pack: go\n  ignore: [vendor/]\n  rules:\n    branch-naming: false\n',
    );
    expect(resolved.pack?.id).toBe('go');
    expect(
      resolved.pack?.rules.find(r => r.ruleName === 'branch-naming')?.enabled,
    ).toBe(false);
    expect(resolved.isIgnored('vendor/x/x.go')).toBe(true);
    expect(resolved.isIgnored('main.go')).toBe(false);
  });

  it('fails on a pack catalyst.yaml names that does not exist, at its line', () => {
    const resolved = resolvePullRequestConventions(
      packs,
      tree,
      'conventions:\n  pack: cobol\n',
    );
    expect(resolved.pack).toBeUndefined();
    expect(resolved.findings).toEqual([
      {
        check: 'catalyst-yaml',
        level: 'failure',
        path: 'catalyst.yaml',
        line: 2,
        message:
          'conventions.pack: no convention pack "cobol" (go, typescript)',
      },
    ]);
  });
});
