import { compareFileContent } from './compareFileContent';
import { structuredDifferences } from './structuredDifferences';
import { unifiedDiff } from './unifiedDiff';

describe('compareFileContent', () => {
  const json = {
    path: '.prettierrc.json',
    format: 'json' as const,
    content: '{ "singleQuote": true, "printWidth": 80, "plugins": ["a", "b"] }',
  };

  it('ignores key order and formatting in JSON', () => {
    const actual =
      '{\n\t"plugins": [ "a",\n "b" ],\n\t"printWidth":80,"singleQuote":true\n}\n';
    expect(compareFileContent(json, actual)).toEqual({
      matches: true,
      evidence: [],
    });
  });

  it('reports a changed JSON value with its path', () => {
    const actual =
      '{"singleQuote": true, "printWidth": 100, "plugins": ["a", "b"]}';
    expect(compareFileContent(json, actual)).toEqual({
      matches: false,
      evidence: ['$.printWidth: expected 80, found 100'],
    });
  });

  it('counts array order and missing or extra keys', () => {
    const actual =
      '{"singleQuote": true, "plugins": ["b", "a"], "semi": false}';
    expect(compareFileContent(json, actual).evidence).toEqual([
      '$.printWidth: expected 80, found (absent)',
      '$.plugins[0]: expected "a", found "b"',
      '$.plugins[1]: expected "b", found "a"',
      '$.semi: expected (absent), found false',
    ]);
  });

  it('ignores key order, quoting, comments and flow style in YAML', () => {
    const standard = {
      path: 'ci.yml',
      format: 'yaml' as const,
      content:
        'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
    };
    const reordered =
      '# our CI\njobs: { test: { "runs-on": "ubuntu-latest" } }\non:\n  push:\n    branches:\n      - main\nname: "CI"\n';
    expect(compareFileContent(standard, reordered).matches).toBe(true);
    const changed = reordered.replace('ubuntu-latest', 'ubuntu-22.04');
    expect(compareFileContent(standard, changed)).toEqual({
      matches: false,
      evidence: [
        '$.jobs.test.runs-on: expected "ubuntu-latest", found "ubuntu-22.04"',
      ],
    });
  });

  it('ignores table order and formatting in TOML', () => {
    const standard = {
      path: 'ruff.toml',
      format: 'toml' as const,
      content: 'line-length = 88\n\n[lint]\nselect = ["E", "F"]\n',
    };
    const reformatted = '[lint]\nselect = [ "E",\n  "F" ]   # core\n\n';
    expect(
      compareFileContent(standard, `line-length=88\n${reformatted}`).matches,
    ).toBe(true);
    expect(
      compareFileContent(standard, `line-length = 120\n${reformatted}`)
        .evidence,
    ).toEqual(['$.line-length: expected 88, found 120']);
  });

  it('reports a file that does not parse', () => {
    const result = compareFileContent(json, '{"singleQuote": tru');
    expect(result.matches).toBe(false);
    expect(result.evidence[0]).toMatch(/^does not parse as json: /);
  });

  it('compares text line by line with a unified-diff excerpt', () => {
    const standard = {
      path: '.editorconfig',
      format: 'text' as const,
      content: 'root = true\n\n[*]\nindent_style = space\nindent_size = 2\n',
    };
    expect(
      compareFileContent(standard, standard.content.replace(/\n/g, '\r\n'))
        .matches,
    ).toBe(true);
    const result = compareFileContent(
      standard,
      standard.content.replace('indent_size = 2', 'indent_size = 4'),
    );
    expect(result.matches).toBe(false);
    expect(result.diff).toBe(
      [
        '--- standard/.editorconfig',
        '+++ .editorconfig',
        '@@ -2,5 +2,5 @@',
        ' ',
        ' [*]',
        ' indent_style = space',
        '-indent_size = 2',
        '+indent_size = 4',
        ' ',
      ].join('\n'),
    );
  });
});

describe('structuredDifferences', () => {
  it('treats equal dates as equal and quotes odd keys', () => {
    expect(
      structuredDifferences(
        { when: new Date(0), 'a.b': 1 },
        { when: new Date(0), 'a.b': 2 },
      ),
    ).toEqual([{ path: '$["a.b"]', expected: 1, actual: 2 }]);
  });
});

describe('unifiedDiff', () => {
  it('merges nearby changes into one hunk and cuts long excerpts', () => {
    const a = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const b = a.replace('line 10', 'LINE 10').replace('line 12', 'LINE 12');
    const diff = unifiedDiff(a, b, { expectedName: 'a', actualName: 'b' });
    expect(diff.split('\n').filter(line => line.startsWith('@@'))).toEqual([
      '@@ -8,9 +8,9 @@',
    ]);
    const everything = unifiedDiff(a, a.toUpperCase(), {
      expectedName: 'a',
      actualName: 'b',
      maxLines: 10,
    }).split('\n');
    expect(everything).toHaveLength(11);
    expect(everything[10]).toMatch(/^\.\.\. \d+ more lines$/);
  });
});
