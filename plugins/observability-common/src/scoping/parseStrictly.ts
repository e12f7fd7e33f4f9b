import { Parser, Tree } from '@lezer/common';
import { QueryScopeError } from './QueryScopeError';
import { unquoteStringLiteral } from './unquoteStringLiteral';

/** Human position of an offset: `line 2, column 7`. */
export function describeOffset(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}

function describeFound(text: string, offset: number): string {
  const rest = text.slice(offset).split('\n')[0];
  if (rest.trim() === '') {
    return 'unexpected end of input';
  }
  return `unexpected "${rest.length > 20 ? `${rest.slice(0, 20)}…` : rest}"`;
}

/**
 * Parses a query and refuses anything the parser had to recover from: lezer always
 * produces a tree, and a selector hidden in an error node would go unscoped. String
 * literals are decoded too, since the grammar lets unterminated ones through.
 */
export function parseStrictly(
  parser: Parser,
  query: string,
  language: string,
  stringNodeName: string,
): Tree {
  if (query.trim() === '') {
    throw new QueryScopeError('syntax-error', `The ${language} query is empty`);
  }
  const tree = parser.parse(query);
  let error: QueryScopeError | undefined;
  tree.iterate({
    enter(node) {
      if (error) return false;
      if (node.type.isError) {
        error = new QueryScopeError(
          'syntax-error',
          `${language} syntax error at ${describeOffset(
            query,
            node.from,
          )}: ${describeFound(query, node.from)}`,
          { position: node.from },
        );
        return false;
      }
      if (
        node.name === stringNodeName &&
        unquoteStringLiteral(query.slice(node.from, node.to)) === undefined
      ) {
        error = new QueryScopeError(
          'syntax-error',
          `${language} syntax error at ${describeOffset(
            query,
            node.from,
          )}: invalid or unterminated string ${query.slice(
            node.from,
            node.to,
          )}`,
          { position: node.from },
        );
        return false;
      }
      return undefined;
    },
  });
  if (error) {
    throw error;
  }
  return tree;
}

/**
 * Re-parses a scoped query before it is handed out. The original parsed, so a failure
 * means the grammar's limits (lezer gives up on chains of a few hundred operators) or a
 * scoper bug; either way the query is refused rather than sent unchecked.
 */
export function reparseScoped(
  parser: Parser,
  scoped: string,
  language: string,
  stringNodeName: string,
): Tree {
  try {
    return parseStrictly(parser, scoped, language, stringNodeName);
  } catch (error) {
    if (!(error instanceof QueryScopeError)) throw error;
    throw new QueryScopeError(
      'unsupported',
      `The ${language} query could not be checked once scoped (${error.message} in the scoped query); very long chains of operators exceed the parser's limits, split the query`,
    );
  }
}
