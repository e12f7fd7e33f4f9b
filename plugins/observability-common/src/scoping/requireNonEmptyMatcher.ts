import { LabelMatcher } from '../matchers/LabelMatcher';
import { labelMatcherMatchesEmpty } from '../matchers/labelMatcherMatchesEmpty';
import { describeOffset } from './parseStrictly';
import { QueryScopeError } from './QueryScopeError';

/**
 * Prometheus and Loki refuse a selector unless one of its matchers rejects the empty
 * value; a scope of only negative matchers can produce such a selector.
 */
export function requireNonEmptyMatcher(
  matchers: LabelMatcher[],
  query: string,
  position: number,
  language: string,
): void {
  if (matchers.some(matcher => labelMatcherMatchesEmpty(matcher) === false)) {
    return;
  }
  throw new QueryScopeError(
    'no-positive-matcher',
    `The ${language} selector at ${describeOffset(
      query,
      position,
    )} would have no matcher that excludes the empty value once scoped; add one (e.g. a metric name or a label="value" matcher)`,
    { position },
  );
}
