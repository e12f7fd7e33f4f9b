import { parseSpecReferences, scopeNamesSpec } from './specReferences';

describe('parseSpecReferences', () => {
  it('reads conventional-commit scopes from subjects and squashed bodies', () => {
    expect(
      parseSpecReferences([
        'feat(user-auth): add login (#12)',
        'Merge branch main\n\n* fix(010,API)!: handle errors\n* chore: no scope',
        'docs: nothing',
        'not conventional (scope): text',
      ]).scopes,
    ).toEqual(['user-auth', '010', 'api']);
  });

  it('reads task ids, suffixes and ranges', () => {
    expect(
      parseSpecReferences([
        'feat(x): T012 and T002b, also **T044**',
        'T020-T023 done; T030..T031; T040 – T041',
      ]).taskIds,
    ).toEqual([
      'T012',
      'T002b',
      'T044',
      'T020',
      'T021',
      'T022',
      'T023',
      'T030',
      'T031',
      'T040',
      'T041',
    ]);
  });

  it('does not expand absurd ranges or read ids inside words', () => {
    expect(
      parseSpecReferences(['T001-T999 and XT005 and T12']).taskIds,
    ).toEqual(['T001']);
  });
});

describe('scopeNamesSpec', () => {
  const spec = { slug: '010-Platform', number: 10 };
  it.each([
    ['010-platform', true],
    ['010', true],
    ['10', true],
    ['platform', true],
    ['PLATFORM', true],
    ['011', false],
    ['plat', false],
    ['010-platforms', false],
  ])('%s -> %p', (scope, expected) => {
    expect(scopeNamesSpec(scope, spec)).toBe(expected);
  });

  it('matches timestamped folders by their bare slug', () => {
    expect(
      scopeNamesSpec('login', {
        slug: '20250101-120000-login',
        number: 20250101120000,
      }),
    ).toBe(true);
  });
});
