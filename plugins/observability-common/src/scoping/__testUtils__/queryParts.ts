import fc from 'fast-check';
import { LabelMatcher } from '../../matchers/LabelMatcher';

/** Label values with the characters that break naive quoting. */
export const labelValue = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    'x',
    '"',
    '\\',
    "'",
    '`',
    'é',
    '😀',
    ' ',
    '.',
    '*',
    '|',
    '\n',
    '{',
    '}',
    '#',
    ',',
  ),
  maxLength: 6,
});

const safeForSingleQuotes = /^[^'"\\\n`]*$/;

/** A value written the ways PromQL and LogQL accept: double, single or back quotes. */
export const quotedValue = (allowSingle: boolean) =>
  labelValue.chain(value => {
    const styles = [JSON.stringify(value)];
    if (!value.includes('`')) styles.push(`\`${value}\``);
    if (allowSingle && safeForSingleQuotes.test(value))
      styles.push(`'${value}'`);
    return fc.constantFrom(...styles);
  });

export const matchOp = fc.constantFrom('=', '!=', '=~', '!~');

/** Whitespace and comments between list items: a comment must end its line. */
export const listSeparator = fc.constantFrom(
  ',',
  ', ',
  ' , ',
  ',\n  ',
  ' # note, {x="y"}\n,',
  ',# c\n',
);

/** Sometimes a comment inside a matcher, between its tokens. */
export const innerGap = fc.constantFrom('', '', '', ' ', ' # inside, "x"}\n');

export const duration = fc.constantFrom('5m', '1h', '30s', '1d', '2h30m');

/** Scopes whose first matcher excludes the empty value, as a real scope's does. */
export const scopeMatchers: fc.Arbitrary<LabelMatcher[]> = fc
  .tuple(
    fc.record({
      name: fc.constantFrom('namespace', 'tier', 'app'),
      op: fc.constantFrom<'=' | '=~'>('=', '=~'),
      // Quotes and a backslash to escape; `\c` is no RE2 escape (Prometheus refuses it).
      value: fc.constantFrom('payments', 'web|api', 'pay.+', 'a"b\\.c'),
    }),
    fc.option(
      fc.record({
        name: fc.constantFrom('namespace', 'tier', 'app', 'team'),
        op: fc.constantFrom<LabelMatcher['op']>('=', '!=', '=~', '!~'),
        value: labelValue,
      }),
      { nil: undefined },
    ),
  )
  .map(([first, second]) => (second ? [first, second] : [first]));
