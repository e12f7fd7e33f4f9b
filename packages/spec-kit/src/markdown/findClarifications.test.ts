import { findClarifications } from './findClarifications';

describe('findClarifications', () => {
  it('finds markers with their line, skipping comments and bare mentions', () => {
    const text = [
      '# Spec',
      '- **FR-001**: Auth via [NEEDS CLARIFICATION: SSO or OAuth?]',
      '<!-- Mark unclear items: [NEEDS CLARIFICATION: reason] -->',
      '- [x] No [NEEDS CLARIFICATION] markers remain',
      'Nested [NEEDS CLARIFICATION: see [the plan](plan.md)] here',
      '<!--',
      '[NEEDS CLARIFICATION: in a multi-line comment]',
      '-->',
      'Unclosed [NEEDS CLARIFICATION: runs to the end of the line',
    ].join('\n');
    expect(findClarifications(text, 'spec.md')).toEqual([
      { text: 'SSO or OAuth?', file: 'spec.md', line: 2 },
      { text: 'see [the plan](plan.md)', file: 'spec.md', line: 5 },
      { text: 'runs to the end of the line', file: 'spec.md', line: 9 },
    ]);
  });

  it('stops at an unclosed comment', () => {
    expect(
      findClarifications('<!-- [NEEDS CLARIFICATION: a]\n', 'x.md'),
    ).toEqual([]);
  });
});
