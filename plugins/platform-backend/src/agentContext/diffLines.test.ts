import { diffLines } from './diffLines';

const render = (diff: ReturnType<typeof diffLines>) =>
  diff.map(
    d =>
      `${{ added: '+', removed: '-', unchanged: ' ' }[d.type]}${
        d.committedLine ?? '_'
      }:${d.generatedLine ?? '_'} ${d.text}`,
  );

describe('diffLines', () => {
  it('shows replaced, added and removed lines with their numbers on both sides', () => {
    const committed =
      '# AGENTS.md\n\nKeep me\n| Test | `npm test` |\n| Lint | `npm run lint` |\nTail\n';
    const generated =
      '# AGENTS.md\n\nKeep me\n| Test | `yarn test` |\nTail\n| Build | `yarn build` |\n';

    expect(render(diffLines(committed, generated))).toEqual([
      ' 1:1 # AGENTS.md',
      ' 2:2 ',
      ' 3:3 Keep me',
      '-4:_ | Test | `npm test` |',
      '-5:_ | Lint | `npm run lint` |',
      '+_:4 | Test | `yarn test` |',
      ' 6:5 Tail',
      '+_:6 | Build | `yarn build` |',
    ]);
  });

  it('treats a missing file as all added and ignores CRLF and the final newline', () => {
    expect(render(diffLines(undefined, 'a\nb\n'))).toEqual([
      '+_:1 a',
      '+_:2 b',
    ]);
    expect(render(diffLines('a\r\nb', 'a\nb\n'))).toEqual([' 1:1 a', ' 2:2 b']);
  });

  it('finds the longest common run, not the first match', () => {
    expect(render(diffLines('x\na\nb\nc\n', 'a\nb\nc\nx\n'))).toEqual([
      '-1:_ x',
      ' 2:1 a',
      ' 3:2 b',
      ' 4:3 c',
      '+_:4 x',
    ]);
  });
});
