import { QueryScopeError } from '../scoping/QueryScopeError';
import { LABEL_MATCH_OPS, LabelMatcher } from './LabelMatcher';

const leadingLabelName = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * Parses a matcher written as `name=value`, `name!=value`, `name=~regex` or
 * `name!~regex`, the form used on command lines and in configuration. Everything after
 * the operator is the value, taken literally: no quotes, no escapes, may be empty.
 *
 * @public
 */
export function parseLabelMatcher(text: string): LabelMatcher {
  const name = leadingLabelName.exec(text)?.[0];
  if (!name) {
    throw new QueryScopeError(
      'invalid-matcher',
      `Invalid label matcher "${text}": expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) followed by =, !=, =~ or !~`,
    );
  }
  const rest = text.slice(name.length);
  const op = LABEL_MATCH_OPS.find(candidate => rest.startsWith(candidate));
  if (!op) {
    throw new QueryScopeError(
      'invalid-matcher',
      `Invalid label matcher "${text}": expected =, !=, =~ or !~ after "${name}"`,
    );
  }
  return { name, op, value: rest.slice(op.length) };
}
