import {
  goConventionPack,
  typescriptConventionPack,
} from '@catalyst/conventions';
import { checkPullRequest, selectPackForPaths } from './pullRequestChecks';

const clean = {
  title: 'feat(api): add refunds',
  branch: 'feat/refunds',
  commits: [
    { sha: 'a'.repeat(40), message: 'feat(api): add refunds', parents: 1 },
  ],
  files: [
    { filename: 'src/refunds.ts', status: 'added' },
    { filename: 'src/refunds.test.ts', status: 'added' },
  ],
};

describe('checkPullRequest', () => {
  it('finds nothing in a conventional pull request', () => {
    expect(checkPullRequest(clean, typescriptConventionPack)).toEqual([]);
  });

  it('skips merge commits and exempts Catalyst branches and allowed branches', () => {
    const findings = checkPullRequest(
      {
        ...clean,
        branch: 'catalyst/conventions',
        commits: [
          ...clean.commits,
          { sha: 'b'.repeat(40), message: "Merge branch 'main'", parents: 2 },
        ],
      },
      typescriptConventionPack,
    );
    expect(findings).toEqual([]);
    expect(
      checkPullRequest({ ...clean, branch: 'main' }, typescriptConventionPack),
    ).toEqual([]);
  });

  it('checks only enabled rules', () => {
    const pack = {
      ...typescriptConventionPack,
      rules: typescriptConventionPack.rules.map(rule =>
        rule.ruleType === 'commit' ? { ...rule, enabled: false } : rule,
      ),
    };
    const findings = checkPullRequest(
      {
        ...clean,
        title: 'refunds',
        commits: [{ ...clean.commits[0], message: 'wip' }],
      },
      pack,
    );
    expect(findings).toEqual([]);
  });

  it('does not count removed files as changed sources', () => {
    expect(
      checkPullRequest(
        { ...clean, files: [{ filename: 'src/old.ts', status: 'removed' }] },
        typescriptConventionPack,
      ),
    ).toEqual([]);
  });

  it('warns about file names that break the ecosystem naming', () => {
    const findings = checkPullRequest(
      {
        ...clean,
        files: [
          { filename: 'pkg/RefundHandler.go', status: 'added' },
          { filename: 'pkg/refund_handler_test.go', status: 'added' },
          { filename: 'docs/my notes.md', status: 'added' },
        ],
      },
      goConventionPack,
    );
    expect(findings).toEqual([
      {
        check: 'file-name',
        level: 'warning',
        path: 'pkg/RefundHandler.go',
        message:
          'pkg/RefundHandler.go is not a lower-case snake_case .go file name',
      },
      {
        check: 'file-name',
        level: 'warning',
        path: 'docs/my notes.md',
        message: 'docs/my notes.md has whitespace in its path',
      },
    ]);
  });
});

describe('selectPackForPaths', () => {
  it('picks the first pack whose detection files the tree has', () => {
    const packs = [goConventionPack, typescriptConventionPack];
    expect(
      selectPackForPaths(packs, new Set(['go.mod', 'package.json']))?.id,
    ).toBe('go');
    expect(selectPackForPaths(packs, new Set(['package.json']))?.id).toBe(
      'typescript',
    );
    expect(selectPackForPaths(packs, new Set(['README.md']))).toBeUndefined();
  });
});
