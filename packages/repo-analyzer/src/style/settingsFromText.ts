import { FactSource, StyleRule, StyleSetting } from '../types';

/**
 * Finds `key: value` (or `key = value`) assignments in a config written as
 * code (prettier.config.js, eslint.config.mjs) where it cannot be parsed
 * safely; each hit keeps its line.
 */
export function findAssignments(
  file: string,
  text: string,
  keys: string[],
): Map<string, { value: string; source: FactSource }> {
  const found = new Map<string, { value: string; source: FactSource }>();
  const lines = text.split('\n');
  for (const key of keys) {
    const pattern = new RegExp(
      `(?:^|[\\s{,])['"]?${key}['"]?\\s*[:=]\\s*(['"\`]?)([^'"\`,}\\s]+)\\1`,
    );
    for (let i = 0; i < lines.length; i++) {
      if (/^\s*(\/\/|#|\*)/.test(lines[i])) continue;
      const match = pattern.exec(lines[i]);
      if (match) {
        found.set(key, { value: match[2], source: { file, line: i + 1 } });
        break;
      }
    }
  }
  return found;
}

/** Builds a style setting. */
export function setting(
  key: string,
  value: string,
  source: FactSource,
  scope?: string,
): StyleSetting {
  return scope ? { key, value, scope, source } : { key, value, source };
}

/** Sorts rules by name so output does not depend on config order. */
export function sortRules(rules: StyleRule[]): StyleRule[] {
  return rules.sort((a, b) => a.name.localeCompare(b.name));
}

/** 1-based line of the first line containing `needle`, from `text`. */
export function lineOf(
  text: string,
  needle: string | RegExp,
): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex(l =>
    typeof needle === 'string' ? l.includes(needle) : needle.test(l),
  );
  return index >= 0 ? index + 1 : undefined;
}
