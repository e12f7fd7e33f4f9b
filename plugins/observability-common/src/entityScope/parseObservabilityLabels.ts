import { LabelMatcher, parseLabelMatcher } from '../matchers';
import { QueryScopeError } from '../scoping';

// A comma starts a new matcher only when a label name and an operator follow, so regex
// values may contain commas (`path=~"a{1,3}"`).
const MATCHER_BOUNDARY = /,(?=\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=~|!~|!=|=))/;

/**
 * Reads `catalyst.dev/observability-labels`: `k=v,k2=~re,k3!=x` into matchers. Throws
 * QueryScopeError('invalid-matcher') on a part that is not a matcher. Which matchers a
 * scope may use is decided by {@link resolveScopeClaim}.
 *
 * @public
 */
export function parseObservabilityLabels(text: string): LabelMatcher[] {
  return text
    .split(MATCHER_BOUNDARY)
    .map(part => part.trim())
    .map(part => {
      // Allow spaces around the operator: `team = payments`.
      const compact = part.replace(
        /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*/,
        '$1$2',
      );
      const matcher = parseLabelMatcher(compact);
      return { ...matcher, value: unquote(matcher.value) };
    });
}

/** `"prod|staging"` as a PromQL string literal is read as its content; bare values are kept. */
function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value);
    } catch {
      throw new QueryScopeError(
        'invalid-matcher',
        `Badly quoted label value ${value}`,
      );
    }
  }
  return value;
}
