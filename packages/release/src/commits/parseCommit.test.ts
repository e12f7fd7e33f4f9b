import { parseReleaseTag } from '../versions/releaseTags';
import { parseConventionalCommit } from './parseCommit';
import { splitCommitMessage } from './readEntries';

describe('parseConventionalCommit', () => {
  it('reads type, scope, breaking notes and the pull request number', () => {
    expect(
      parseConventionalCommit(
        'feat(api)!: drop v1 (#42)\n\nBREAKING CHANGE: v1 routes are gone',
        { hash: 'abc' },
      ),
    ).toMatchObject({
      type: 'feat',
      scope: 'api',
      subject: 'drop v1',
      pr: 42,
      breaking: true,
      breakingNotes: ['v1 routes are gone'],
    });
    expect(parseConventionalCommit('Update README', { hash: 'abc' })).toBe(
      undefined,
    );
  });

  it('stays bounded on hostile messages', () => {
    const huge = `fix: ${'a'.repeat(200_000)}\n\n${'x: y\n'.repeat(50_000)}`;
    const entry = parseConventionalCommit(huge, { hash: 'abc' });
    expect(entry?.type).toBe('fix');
    expect(entry!.subject.length).toBeLessThan(70_000);
    const bomb = `feat: ${'('.repeat(5_000)}${' '.repeat(5_000)}!`;
    expect(parseConventionalCommit(bomb, { hash: 'abc' })?.type).toBe('feat');
    expect(parseReleaseTag(`${'a-'.repeat(200)}v1.0.0`)).toBe(undefined);
  });

  it('splits messages that carry several changes only when asked', () => {
    const message = 'feat: a\n\nfix(x): b\n\nBody of b.\n\nfeat: c';
    expect(
      splitCommitMessage(message, { multipleChangesPerCommit: false }),
    ).toEqual([message]);
    expect(
      splitCommitMessage(message, { multipleChangesPerCommit: true }),
    ).toEqual(['feat: a', 'fix(x): b\n\nBody of b.', 'feat: c']);
    expect(
      splitCommitMessage(
        'Squashed\n\nBEGIN_COMMIT_OVERRIDE\nfeat: one\nfix: two\nEND_COMMIT_OVERRIDE',
        { multipleChangesPerCommit: false },
      ),
    ).toEqual(['feat: one', 'fix: two']);
  });
});
