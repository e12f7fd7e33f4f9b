import { unquoteStringLiteral } from './unquoteStringLiteral';

describe('unquoteStringLiteral', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"a\\"b\\\\c"', 'a"b\\c'],
    ["'single \\' quote'", "single ' quote"],
    ['`raw \\n "x"`', 'raw \\n "x"'],
    ['"n\\x61mespace"', 'namespace'],
    ['"n\\141mespace"', 'namespace'],
    ['"n\\u0061mespace"', 'namespace'],
    ['"\\U0001F600"', '😀'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\a\\b\\f\\n\\r\\t\\v"', '\x07\b\f\n\r\t\v'],
    ['"ünïcødé"', 'ünïcødé'],
    ['""', ''],
  ])('decodes %s', (literal, expected) => {
    expect(unquoteStringLiteral(literal)).toBe(expected);
  });

  it.each([
    ['"unterminated'],
    ['"'],
    ['"bad \\q escape"'],
    ['"\\\'"'],
    ["'\\\"'"],
    ['"\\x6"'],
    ['"\\u00"'],
    ['"\\777"'],
    ['"\\ud800"'],
    ['"\\xff"'],
    ['"line\nbreak"'],
    ['`a`b`'],
    ['bare'],
  ])('rejects %j', literal => {
    expect(unquoteStringLiteral(literal)).toBeUndefined();
  });
});
