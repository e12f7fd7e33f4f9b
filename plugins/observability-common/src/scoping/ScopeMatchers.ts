import {
  formatLabelMatcher,
  isValidLabelName,
  LABEL_MATCH_OPS,
  LabelMatcher,
} from '../matchers/LabelMatcher';
import { QueryScopeError } from './QueryScopeError';

/** Validated scope: the matchers, the label names they own, and their query text. */
export type ScopeMatchers = {
  matchers: LabelMatcher[];
  names: ReadonlySet<string>;
  text: string;
};

/** Checks the scope before any query is touched: an empty or malformed scope is a bug. */
export function readScopeMatchers(matchers: LabelMatcher[]): ScopeMatchers {
  if (!Array.isArray(matchers) || matchers.length === 0) {
    throw new QueryScopeError(
      'invalid-scope',
      'No scope matchers given: a query cannot be scoped to nothing',
    );
  }
  for (const matcher of matchers) {
    if (!isValidLabelName(matcher?.name) || matcher.name.startsWith('__')) {
      throw new QueryScopeError(
        'invalid-scope',
        `Invalid scope label name "${matcher?.name}": expected [a-zA-Z_][a-zA-Z0-9_]* not starting with "__"`,
      );
    }
    if (!LABEL_MATCH_OPS.includes(matcher.op)) {
      throw new QueryScopeError(
        'invalid-scope',
        `Invalid operator "${matcher.op}" in scope matcher on "${matcher.name}"`,
      );
    }
    if (typeof matcher.value !== 'string') {
      throw new QueryScopeError(
        'invalid-scope',
        `The value of scope matcher on "${matcher.name}" is not a string`,
      );
    }
  }
  return {
    matchers,
    names: new Set(matchers.map(m => m.name)),
    text: matchers.map(formatLabelMatcher).join(', '),
  };
}
