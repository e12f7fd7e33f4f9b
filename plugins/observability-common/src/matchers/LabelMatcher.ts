/**
 * The four label match operators shared by PromQL and LogQL.
 *
 * @public
 */
export type LabelMatchOp = '=' | '!=' | '=~' | '!~';

/**
 * One label matcher, as in `namespace="payments"` or `tier=~"web|api"`. Values are
 * plain strings: quoting happens when the matcher is written into a query.
 *
 * @public
 */
export type LabelMatcher = {
  name: string;
  op: LabelMatchOp;
  value: string;
};

/**
 * Every match operator, longest first so prefix matching picks `=~` before `=`.
 *
 * @public
 */
export const LABEL_MATCH_OPS: readonly LabelMatchOp[] = ['=~', '!~', '!=', '='];

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Whether a string is a label name Prometheus and Loki accept unquoted.
 *
 * @public
 */
export function isValidLabelName(name: string): boolean {
  return labelNamePattern.test(name);
}

/**
 * Writes a string as a double-quoted PromQL/LogQL string literal.
 *
 * @public
 */
export function quoteLabelValue(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
  return `"${escaped}"`;
}

/**
 * Writes a matcher in query syntax, e.g. `namespace="payments"`.
 *
 * @public
 */
export function formatLabelMatcher(matcher: LabelMatcher): string {
  return `${matcher.name}${matcher.op}${quoteLabelValue(matcher.value)}`;
}
