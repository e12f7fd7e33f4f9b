import { LabelMatcher } from './LabelMatcher';
import { labelRegexMatches } from './labelRegexMatches';

/**
 * Whether a matcher accepts a missing label (the empty value). Prometheus and Loki both
 * refuse selectors whose every matcher does. Regexes are fully anchored RE2, as on the
 * server; a regex that does not compile gives `undefined` (unknown).
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
  return labelRegexMatches(pattern, '');
}
