import { parseTaskText, readCheckbox } from './parseTaskText';
import { taskStateFromMark } from './taskState';

describe('readCheckbox', () => {
  it.each([
    ['[ ] T001 a', ' '],
    ['[x] T001 a', 'x'],
    ['[X] T001 a', 'X'],
    ['[~] T001 a', '~'],
    ['[⏳] T001 a', '⏳'],
    ['[✔️] T001 a', '✔️'],
  ])('reads the mark of %s', (line, mark) => {
    expect(readCheckbox(line)?.mark).toBe(mark);
  });

  it.each([
    '[P] tasks = different files',
    '[US1] label',
    '[1] one',
    '[] T001',
    '[ ]T001',
  ])('does not take %s for a checkbox', line => {
    expect(readCheckbox(line)).toBeUndefined();
  });
});

describe('taskStateFromMark', () => {
  it.each([
    [' ', 'open'],
    ['x', 'done'],
    ['X', 'done'],
    ['~', 'in-progress'],
    ['/', 'in-progress'],
    ['>', 'in-progress'],
    ['⏳', 'in-progress'],
    ['-', 'cancelled'],
    ['!', 'blocked'],
    ['?', 'other'],
  ])('maps [%s] to %s', (mark, state) => {
    expect(taskStateFromMark(mark)).toBe(state);
  });
});

describe('parseTaskText', () => {
  it('splits combined story references and keeps other tags', () => {
    expect(
      parseTaskText('T002b [P] [US1/US2] [US-3, US4] [Spike] Do it', 'story'),
    ).toEqual({
      id: 'T002b',
      parallel: true,
      stories: ['US1', 'US2', 'US-3', 'US4'],
      tags: ['Spike'],
      description: 'Do it',
    });
  });

  it('reads bold ids and keeps a leading range in the description', () => {
    expect(parseTaskText('**T044**: Bold', 'story')).toMatchObject({
      id: 'T044',
      description: 'Bold',
    });
    expect(parseTaskText('T020-T025 Batch', 'story')).toMatchObject({
      id: 'T020',
      description: '-T025 Batch',
    });
  });

  it('reads trailing tags of headings but only [P] and stories after checkbox text', () => {
    expect(parseTaskText('Guard [US-2] [Infrastructure]', 'all')).toMatchObject(
      { stories: ['US-2'], tags: ['Infrastructure'], description: 'Guard' },
    );
    expect(
      parseTaskText('T001 Read arr [optional] [P]', 'story'),
    ).toMatchObject({
      parallel: true,
      tags: [],
      description: 'Read arr [optional]',
    });
  });

  it('does not take links or clarification markers for tags', () => {
    expect(
      parseTaskText(
        'T001 [the plan](plan.md) [NEEDS CLARIFICATION: x]',
        'story',
      ),
    ).toMatchObject({
      tags: [],
      description: '[the plan](plan.md) [NEEDS CLARIFICATION: x]',
    });
  });
});
