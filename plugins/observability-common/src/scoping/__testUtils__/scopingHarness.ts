import { Parser } from '@lezer/common';
import { LabelMatcher } from '../../matchers/LabelMatcher';
import { QueryScopeError } from '../QueryScopeError';

/** The scope most hand-written cases use. */
export const payments: LabelMatcher[] = [
  { name: 'namespace', op: '=', value: 'payments' },
];

/**
 * `errorNodes(query)` lists the offsets of parse errors; `scoped(query)` scopes a query and checks that the result parses without
 * error nodes; `rejection(query)` expects a QueryScopeError and returns it.
 */
export function scopingHarness(
  scope: (query: string, matchers: LabelMatcher[]) => string,
  parser: Parser,
) {
  function errorNodes(query: string): string[] {
    const found: string[] = [];
    parser.parse(query).iterate({
      enter: node => {
        if (node.type.isError) found.push(`${node.from}`);
      },
    });
    return found;
  }

  function scoped(query: string, matchers: LabelMatcher[] = payments): string {
    const result = scope(query, matchers);
    expect(errorNodes(result)).toEqual([]);
    return result;
  }

  function rejection(query: string, matchers: LabelMatcher[] = payments) {
    try {
      scope(query, matchers);
    } catch (error) {
      expect(error).toBeInstanceOf(QueryScopeError);
      return error as QueryScopeError;
    }
    throw new Error(`${scope.name} accepted ${query}`);
  }

  return { scoped, rejection, errorNodes };
}
