import type {
  InvestigationLogPattern,
  LogLine,
} from '@catalyst/plugin-observability-common';

const MAX_PATTERN_LENGTH = 200;
const MAX_PATTERNS = 20;

// Masks, most specific first: what varies between lines of one message.
const MASKS: [RegExp, string][] = [
  [
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    '<uuid>',
  ],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b/gi, '<hex>'],
  [/"[^"\n]{0,200}"/g, '"<s>"'],
  [/'[^'\n]{0,200}'/g, "'<s>'"],
  [/\b\d+(?:\.\d+)?(?:ms|s|m|h)?\b%?/g, '<n>'],
];

/** The message of a log line with its variable parts masked, bounded in length. */
export function logPattern(message: string): string {
  let pattern = message.slice(0, 2_000);
  for (const [mask, replacement] of MASKS) {
    pattern = pattern.replace(mask, replacement);
  }
  return pattern.replace(/\s+/g, ' ').trim().slice(0, MAX_PATTERN_LENGTH);
}

/**
 * Groups error lines by message pattern and counts them before and since `since`
 * (Unix ms): the patterns that grew since the alert started come first.
 */
export function groupLogPatterns(
  lines: LogLine[],
  since: number,
): InvestigationLogPattern[] {
  const groups = new Map<
    string,
    { example: string; before: number; during: number }
  >();
  let duringTotal = 0;
  for (const line of lines) {
    const pattern = logPattern(line.line);
    if (!pattern) continue;
    const group = groups.get(pattern) ?? {
      example: line.line.slice(0, 500),
      before: 0,
      during: 0,
    };
    if (line.timestamp >= since) {
      group.during += 1;
      duringTotal += 1;
    } else {
      group.before += 1;
    }
    groups.set(pattern, group);
  }
  return [...groups.entries()]
    .map(([pattern, group]) => ({
      pattern,
      ...group,
      shareOfDuring: duringTotal ? group.during / duringTotal : 0,
    }))
    .sort(
      (a, b) =>
        b.during - a.during ||
        a.before - b.before ||
        a.pattern.localeCompare(b.pattern),
    )
    .slice(0, MAX_PATTERNS);
}
