import { LabelMatcher } from '@catalyst/plugin-observability-common';

const compiled = new Map<string, RegExp | null>();

// PromQL regex matchers are fully anchored; an invalid one matches nothing.
function anchored(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    let regex: RegExp | null;
    try {
      regex = new RegExp(`^(?:${pattern})$`, 's');
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return compiled.get(pattern)!;
}

/**
 * Whether a label set satisfies every matcher, with Prometheus' semantics: a missing label
 * is the empty string and regexes must match the whole value.
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
        return anchored(matcher.value)?.test(value) ?? false;
      default:
        return !(anchored(matcher.value)?.test(value) ?? true);
    }
  });
}
