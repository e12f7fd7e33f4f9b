import { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@grafana/lezer-logql';
import { LabelMatcher, LabelMatchOp } from '../../matchers/LabelMatcher';
import { MatcherListItem, matcherListEdits } from '../matcherListEdits';
import { parseStrictly, reparseScoped } from '../parseStrictly';
import { requireNonEmptyMatcher } from '../requireNonEmptyMatcher';
import { readScopeMatchers, ScopeMatchers } from '../ScopeMatchers';
import { applyTextEdits, TextEdit } from '../textEdits';
import { unquoteStringLiteral } from '../unquoteStringLiteral';
import { verifyScopedSelectors } from '../verifyScopedSelectors';

const language = 'LogQL';

type WrittenMatcher = MatcherListItem & { matcher: LabelMatcher };

const matchOps = new Set(['Eq', 'Neq', 'Re', 'Nre']);

function readMatcher(query: string, node: SyntaxNode): LabelMatcher {
  const name = node.getChild('Identifier')!;
  let op = name.nextSibling!;
  while (!matchOps.has(op.name)) op = op.nextSibling!;
  const literal = node.getChild('String')!;
  const value = unquoteStringLiteral(query.slice(literal.from, literal.to));
  if (value === undefined) {
    throw new Error(
      `parseStrictly let an undecodable string through at ${literal.from}`,
    );
  }
  return {
    name: query.slice(name.from, name.to),
    op: query.slice(op.from, op.to) as LabelMatchOp,
    value,
  };
}

/** The matchers of a stream selector, in order (the grammar nests them left-recursively). */
function readSelector(query: string, selector: SyntaxNode): WrittenMatcher[] {
  const written: WrittenMatcher[] = [];
  const cursor = selector.cursor();
  while (cursor.next() && cursor.from < selector.to) {
    if (cursor.name === 'Matcher') {
      written.push({
        from: cursor.from,
        to: cursor.to,
        remove: false,
        matcher: readMatcher(query, cursor.node),
      });
    }
  }
  return written;
}

/**
 * Only `Selector` nodes are stream selectors. Matchers after a `|` are label filters:
 * they run on lines the stream selector already fetched and can only drop lines, and
 * `label_format`/`json`/`logfmt` only relabel those lines, so nothing in a pipeline can
 * reach a stream outside the scope. They are left exactly as written.
 */
function forEachSelector(
  tree: Tree,
  visit: (selector: SyntaxNode) => void,
): void {
  const cursor = tree.cursor();
  do {
    if (cursor.name === 'Selector') {
      visit(cursor.node);
    }
  } while (cursor.next());
}

function scopeSelector(
  query: string,
  selector: SyntaxNode,
  scope: ScopeMatchers,
): TextEdit[] {
  const written = readSelector(query, selector).map(item => ({
    ...item,
    remove: scope.names.has(item.matcher.name),
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
  return matcherListEdits(query, selector.to - 1, written, scope.text);
}

/**
 * Restricts a LogQL query to a scope: every stream selector `{...}`, in log queries and
 * in metric queries (range aggregations, vector aggregations, binary operations,
 * `label_replace`), gets the scope matchers, and any matcher of the query on a scope
 * label is dropped in their favour. Label filters after `|` are left alone (they can
 * only narrow what the stream selector fetched). The rest of the query is kept
 * character for character.
 *
 * @throws {@link QueryScopeError} when the query does not parse or a stream selector
 * would end up without a matcher that excludes the empty value, which Loki refuses.
 * @public
 */
export function scopeLogQL(query: string, matchers: LabelMatcher[]): string {
  const scope = readScopeMatchers(matchers);
  const tree = parseStrictly(parser, query, language, 'String');
  const edits: TextEdit[] = [];
  let selectors = 0;
  forEachSelector(tree, selector => {
    selectors += 1;
    edits.push(...scopeSelector(query, selector, scope));
  });
  const scoped = applyTextEdits(query, edits);

  const written: LabelMatcher[][] = [];
  const scopedTree = reparseScoped(parser, scoped, language, 'String');
  forEachSelector(scopedTree, selector =>
    written.push(readSelector(scoped, selector).map(item => item.matcher)),
  );
  verifyScopedSelectors(scoped, selectors, written, scope);
  return scoped;
}
