import { Parser, SyntaxNode } from '@lezer/common';

/**
 * What a selector in a query says, read straight off the syntax tree with none of the
 * scoper's code, so property tests check the scoper against an independent reading.
 */
export type SelectorFacts = {
  text: string;
  metricName?: string;
  matchers: string[];
};

/** Decodes the literals the generators write: JSON-compatible double quotes, raw single or back quotes. */
function decode(literal: string): string {
  if (literal.startsWith('"')) return JSON.parse(literal);
  const body = literal.slice(1, -1);
  if (/[\\'"\n]/.test(body) && literal.startsWith("'")) {
    throw new Error(`The checker cannot decode ${literal}`);
  }
  return body;
}

/** The children of a matcher without the comments lezer keeps between its tokens. */
function tokens(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment') children.push(child);
  }
  return children;
}

function promqlFacts(query: string, node: SyntaxNode): SelectorFacts {
  const facts: SelectorFacts = {
    text: query.slice(node.from, node.to),
    matchers: [],
  };
  const text = (n: SyntaxNode) => query.slice(n.from, n.to);
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'Identifier') facts.metricName = text(child);
    if (child.name !== 'LabelMatchers') continue;
    for (let item = child.firstChild; item; item = item.nextSibling) {
      if (item.name === 'QuotedLabelName') {
        facts.metricName = decode(text(item));
      } else if (
        item.name === 'UnquotedLabelMatcher' ||
        item.name === 'QuotedLabelMatcher'
      ) {
        const [name, op, value] = tokens(item);
        const decodedName =
          item.name === 'UnquotedLabelMatcher'
            ? text(name)
            : decode(text(name));
        facts.matchers.push(
          `${decodedName} ${text(op)} ${JSON.stringify(decode(text(value)))}`,
        );
      }
    }
  }
  return facts;
}

function logqlFacts(query: string, node: SyntaxNode): SelectorFacts {
  const facts: SelectorFacts = {
    text: query.slice(node.from, node.to),
    matchers: [],
  };
  const text = (n: SyntaxNode) => query.slice(n.from, n.to);
  const pending: SyntaxNode[] = [node];
  const found: SyntaxNode[] = [];
  while (pending.length) {
    const current = pending.pop()!;
    if (current.name === 'Matcher') found.push(current);
    for (let child = current.firstChild; child; child = child.nextSibling)
      pending.push(child);
  }
  found.sort((a, b) => a.from - b.from);
  for (const matcher of found) {
    const [name, op, value] = tokens(matcher);
    facts.matchers.push(
      `${text(name)} ${text(op)} ${JSON.stringify(decode(text(value)))}`,
    );
  }
  return facts;
}

/**
 * The error offsets of a query, every selector in it, the query with each selector
 * blanked out, and its label filters.
 */
export function readQuery(
  parser: Parser,
  query: string,
  language: 'promql' | 'logql',
) {
  const selectors: SelectorFacts[] = [];
  const labelFilters: string[] = [];
  const ranges: Array<[number, number, string]> = [];
  const selectorName = language === 'promql' ? 'VectorSelector' : 'Selector';
  const tree = parser.parse(query);
  const errors: number[] = [];
  tree.iterate({
    enter: node => {
      if (node.type.isError) errors.push(node.from);
    },
  });
  tree.iterate({
    enter: ref => {
      if (ref.name === selectorName) {
        const facts =
          language === 'promql'
            ? promqlFacts(query, ref.node)
            : logqlFacts(query, ref.node);
        selectors.push(facts);
        ranges.push([ref.from, ref.to, facts.metricName ?? '']);
        return false;
      }
      if (ref.name === 'Matcher') {
        labelFilters.push(query.slice(ref.from, ref.to));
      }
      return undefined;
    },
  });
  let skeleton = query;
  for (const [from, to, keep] of ranges.reverse()) {
    skeleton = `${skeleton.slice(0, from)}<${keep}>${skeleton.slice(to)}`;
  }
  return { errors, selectors, labelFilters, skeleton };
}
