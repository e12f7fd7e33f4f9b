import { LabelMatcher } from '../matchers';

// One alternative: characters that are not regex syntax, or regex syntax escaped.
const LITERAL_ALTERNATIVE = /^(?:[^\\.^$*+?()[\]{}|]|\\[\\.^$*+?()[\]{}|/-])*$/;

/**
 * The exact values a positive matcher selects: `[value]` for `=`, the alternatives of a
 * `=~` that is only literal values joined by `|` (`prod|staging`, `1\.2|1\.3`), and
 * `undefined` for any other matcher (a regular expression, or a negative matcher).
 *
 * @public
 */
export function literalValueSet(matcher: LabelMatcher): string[] | undefined {
  if (matcher.op === '=') return [matcher.value];
  if (matcher.op !== '=~') return undefined;
  const alternatives = splitAlternatives(matcher.value);
  if (!alternatives.every(a => LITERAL_ALTERNATIVE.test(a))) return undefined;
  return [...new Set(alternatives.map(a => a.replace(/\\(.)/g, '$1')))];
}

/** Splits on `|` that is not escaped. */
function splitAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\' && i + 1 < pattern.length) {
      current += char + pattern[++i];
    } else if (char === '|') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
