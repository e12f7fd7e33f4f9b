import { RE2JS } from 're2js';

/** Compiled patterns kept; patterns come from annotations, queries and alerts. */
const MAX_COMPILED = 512;
const compiled = new Map<string, RE2JS | null>();

function compile(pattern: string): RE2JS | null {
  if (compiled.has(pattern)) {
    const regex = compiled.get(pattern)!;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    compiled.delete(pattern);
    compiled.set(pattern, regex);
    return regex;
  }
  let regex: RE2JS | null;
  try {
    regex = RE2JS.compile(pattern, RE2JS.DOTALL);
  } catch {
    regex = null;
  }
  compiled.set(pattern, regex);
  if (compiled.size > MAX_COMPILED) {
    compiled.delete(compiled.keys().next().value!);
  }
  return regex;
}

/**
 * Whether a label value matches a PromQL/LogQL regex matcher's pattern, as Prometheus
 * decides: RE2 syntax, fully anchored, `.` matching newlines. Runs on RE2JS, a
 * linear-time engine, because patterns come from catalog annotations, user queries and
 * alert labels. `undefined` when the pattern does not compile.
 *
 * @public
 */
export function labelRegexMatches(
  pattern: string,
  value: string,
): boolean | undefined {
  return compile(pattern)?.matches(value);
}
