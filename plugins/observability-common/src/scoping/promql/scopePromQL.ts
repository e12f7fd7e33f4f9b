import { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { LabelMatcher, LabelMatchOp } from '../../matchers/LabelMatcher';
import { MatcherListItem, matcherListEdits } from '../matcherListEdits';
import { describeOffset, parseStrictly, reparseScoped } from '../parseStrictly';
import { QueryScopeError } from '../QueryScopeError';
import { checkPromQLLookback, PromQLLookbackLimits } from './promqlLookback';
import { requireNonEmptyMatcher } from '../requireNonEmptyMatcher';
import { readScopeMatchers, ScopeMatchers } from '../ScopeMatchers';
import { applyTextEdits, TextEdit } from '../textEdits';
import { unquoteStringLiteral } from '../unquoteStringLiteral';
import { verifyScopedSelectors } from '../verifyScopedSelectors';

const language = 'PromQL';

/** A matcher as written in a selector; a metric name counts as `__name__="..."`. */
type WrittenMatcher = MatcherListItem & {
  matcher: LabelMatcher;
  isMetricName: boolean;
};

function decode(query: string, node: SyntaxNode): string {
  const value = unquoteStringLiteral(query.slice(node.from, node.to));
  if (value === undefined) {
    throw new Error(
      `parseStrictly let an undecodable string through at ${node.from}`,
    );
  }
  return value;
}

function readLabelMatcher(query: string, node: SyntaxNode): LabelMatcher {
  const unquoted = node.getChild('LabelName');
  const name = unquoted
    ? query.slice(unquoted.from, unquoted.to)
    : decode(query, node.getChild('QuotedLabelName')!.firstChild!);
  const op = node.getChild('MatchOp')!;
  return {
    name,
    op: query.slice(op.from, op.to) as LabelMatchOp,
    value: decode(query, node.getChild('StringLiteral')!),
  };
}

function readSelector(query: string, selector: SyntaxNode): WrittenMatcher[] {
  const written: WrittenMatcher[] = [];
  const identifier = selector.getChild('Identifier');
  if (identifier) {
    const value = query.slice(identifier.from, identifier.to);
    written.push({
      from: identifier.from,
      to: identifier.to,
      remove: false,
      isMetricName: true,
      matcher: { name: '__name__', op: '=', value },
    });
  }
  const list = selector.getChild('LabelMatchers');
  for (let child = list?.firstChild; child; child = child.nextSibling) {
    if (child.name === 'QuotedLabelName') {
      const value = decode(query, child.firstChild!);
      written.push({
        from: child.from,
        to: child.to,
        remove: false,
        isMetricName: true,
        matcher: { name: '__name__', op: '=', value },
      });
    } else if (child.name !== 'LineComment') {
      written.push({
        from: child.from,
        to: child.to,
        remove: false,
        isMetricName: false,
        matcher: readLabelMatcher(query, child),
      });
    }
  }
  return written;
}

function scopeSelector(
  query: string,
  selector: SyntaxNode,
  scope: ScopeMatchers,
): TextEdit[] {
  const written = readSelector(query, selector).map(item => ({
    ...item,
    remove: !item.isMetricName && scope.names.has(item.matcher.name),
  }));
  requireNonEmptyMatcher(
    [
      ...scope.matchers,
      ...written.filter(item => !item.remove).map(item => item.matcher),
    ],
    query,
    selector.from,
    language,
  );
  const list = selector.getChild('LabelMatchers');
  if (!list) {
    return [{ from: selector.to, to: selector.to, insert: `{${scope.text}}` }];
  }
  const listItems = written.filter(item => item.from >= list.from);
  return matcherListEdits(query, list.to - 1, listItems, scope.text);
}

function forEachSelector(
  query: string,
  tree: Tree,
  visit: (selector: SyntaxNode) => void,
): void {
  const cursor = tree.cursor();
  do {
    if (cursor.name === 'VectorSelector') {
      visit(cursor.node);
    } else if (
      cursor.name === 'Info' &&
      cursor.node.parent?.name === 'FunctionIdentifier'
    ) {
      // info() joins in target_info series by job/instance, through no selector we can scope.
      throw new QueryScopeError(
        'unsupported',
        `info() at ${describeOffset(
          query,
          cursor.from,
        )} reads info series that cannot be restricted to the scope`,
        { position: cursor.from },
      );
    }
  } while (cursor.next());
}

/**
 * Restricts a PromQL query to a scope: every vector and matrix selector (inside
 * functions, aggregations, subqueries and both sides of every binary operator, `or` and
 * `unless` included) gets the scope matchers, and any matcher of the query on a scope
 * label is dropped in their favour, so `namespace=~".*"` cannot widen it. Selectors are
 * rewritten in place; the rest of the query, comments included, is kept character for
 * character.
 *
 * Queries without selectors (`1 + 1`, `time()`, `"text"`) read no series and come back
 * unchanged. What the query renames in its output (`label_replace`, `count_values`)
 * does not matter: only selectors read data, and all of them are scoped.
 *
 * With `limits`, a query that reads further back than `limits.maxLookbackMs` (ranges,
 * subqueries, `offset` and `@` added up) or a subquery denser than
 * `limits.maxSubqueryPoints` is refused too.
 *
 * @throws {@link QueryScopeError} when the query does not parse, uses `info()`, reads
 * beyond `limits`, or a selector would end up without a matcher that excludes the empty
 * value.
 * @public
 */
export function scopePromQL(
  query: string,
  matchers: LabelMatcher[],
  limits?: PromQLLookbackLimits,
): string {
  const scope = readScopeMatchers(matchers);
  const tree = parseStrictly(parser, query, language, 'StringLiteral');
  if (limits) checkPromQLLookback(query, tree, limits);
  const edits: TextEdit[] = [];
  let selectors = 0;
  forEachSelector(query, tree, selector => {
    selectors += 1;
    edits.push(...scopeSelector(query, selector, scope));
  });
  const scoped = applyTextEdits(query, edits);

  const written: LabelMatcher[][] = [];
  const scopedTree = reparseScoped(parser, scoped, language, 'StringLiteral');
  forEachSelector(scoped, scopedTree, selector =>
    written.push(readSelector(scoped, selector).map(item => item.matcher)),
  );
  verifyScopedSelectors(scoped, selectors, written, scope);
  return scoped;
}
