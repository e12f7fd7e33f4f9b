import { formatLabelMatcher, LabelMatcher } from '../matchers/LabelMatcher';
import { ScopeMatchers } from './ScopeMatchers';

/**
 * Last line of defence after a rewrite: the re-parsed result must have as many
 * selectors as the input, each holding exactly the scope's matchers on the scope's
 * labels. A failure here is a bug in the scoper, so the query is refused, not sent.
 */
export function verifyScopedSelectors(
  scoped: string,
  expectedSelectors: number,
  selectors: LabelMatcher[][],
  scope: ScopeMatchers,
): void {
  const expected = scope.matchers.map(formatLabelMatcher).sort().join(',');
  const wrong = selectors.findIndex(
    matchers =>
      matchers
        .filter(m => scope.names.has(m.name))
        .map(formatLabelMatcher)
        .sort()
        .join(',') !== expected,
  );
  if (selectors.length !== expectedSelectors || wrong >= 0) {
    throw new Error(
      `Scoping produced a query whose selectors do not all carry the scope; this is a bug: ${scoped}`,
    );
  }
}
