import { LabelMatcher } from './LabelMatcher';

/**
 * Whether a matcher accepts a missing label (the empty value). Prometheus and Loki both
 * refuse selectors whose every matcher does. Regexes are fully anchored, as in RE2 on
 * the server; a regex that JavaScript cannot compile gives `undefined` (unknown).
 *
 * @public
 */
export function labelMatcherMatchesEmpty(
  matcher: LabelMatcher,
): boolean | undefined {
  switch (matcher.op) {
    case '=':
      return matcher.value === '';
    case '!=':
      return matcher.value !== '';
    case '=~':
      return regexMatchesEmpty(matcher.value);
    case '!~': {
      const matches = regexMatchesEmpty(matcher.value);
      return matches === undefined ? undefined : !matches;
    }
    default:
      return undefined;
  }
}

function regexMatchesEmpty(pattern: string): boolean | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 's').test('');
  } catch {
    return undefined;
  }
}
