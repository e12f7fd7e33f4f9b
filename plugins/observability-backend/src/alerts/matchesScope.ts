import {
  LabelMatcher,
  labelRegexMatches,
} from '@catalyst/plugin-observability-common';

/**
 * Whether a label set satisfies every matcher, with Prometheus' semantics: a missing label
 * is the empty string and regexes (RE2, linear time) must match the whole value; an
 * invalid regex matches nothing.
 */
export function matchesScope(
  labels: Record<string, string>,
  matchers: LabelMatcher[],
): boolean {
  return matchers.every(matcher => {
    const value = labels[matcher.name] ?? '';
    switch (matcher.op) {
      case '=':
        return value === matcher.value;
      case '!=':
        return value !== matcher.value;
      case '=~':
        return labelRegexMatches(matcher.value, value) ?? false;
      default:
        return !(labelRegexMatches(matcher.value, value) ?? true);
    }
  });
}
