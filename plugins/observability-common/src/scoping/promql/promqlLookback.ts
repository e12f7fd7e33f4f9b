import { SyntaxNode, Tree } from '@lezer/common';
import { describeOffset } from '../parseStrictly';
import { QueryScopeError } from '../QueryScopeError';

/**
 * How far back and how densely a PromQL query may read, relative to its evaluation times.
 *
 * @public
 */
export type PromQLLookbackLimits = {
  /**
   * Longest reach of any selector before an evaluation time: its range, the ranges of the
   * subqueries around it, their offsets and the distance to an `@` timestamp, added up.
   */
  maxLookbackMs: number;
  /** Most points one subquery evaluates (its range over its step). */
  maxSubqueryPoints?: number;
  /** Evaluation times of the query (Unix ms), for `@ <timestamp>`; default now. */
  window?: { start: number; end: number };
};

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};
const DURATION = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;

/** A duration literal as PromQL writes it (`1h30m`, or seconds as a number). */
function literalMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!DURATION.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return total;
}

function durationMs(query: string, node: SyntaxNode): number {
  const text = query.slice(node.from, node.to).replace(/^[-+]\s*/, '');
  const ms = literalMs(text);
  if (ms === undefined) {
    throw new QueryScopeError(
      'unsupported',
      `The duration '${text}' at ${describeOffset(
        query,
        node.from,
      )} is not a literal: duration expressions cannot be bounded`,
      { position: node.from },
    );
  }
  return ms;
}

function formatMs(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${+(hours / 24).toFixed(2)}d`;
  if (hours >= 1) return `${+hours.toFixed(2)}h`;
  return `${+(ms / 60_000).toFixed(2)}m`;
}

/** What one wrapping node adds to the reach of the selectors inside it. */
function reachOf(
  query: string,
  node: SyntaxNode,
  limits: PromQLLookbackLimits,
  now: number,
): number {
  switch (node.name) {
    case 'MatrixSelector':
      return durationMs(query, node.getChild('DurationExpr')!);
    case 'SubqueryExpr': {
      const [range, step] = node.getChildren('DurationExpr');
      const rangeMs = durationMs(query, range);
      if (step && limits.maxSubqueryPoints !== undefined) {
        const points = rangeMs / durationMs(query, step);
        if (points > limits.maxSubqueryPoints) {
          throw new QueryScopeError(
            'lookback-too-long',
            `The subquery at ${describeOffset(
              query,
              node.from,
            )} evaluates ${Math.ceil(points)} points, more than the allowed ${
              limits.maxSubqueryPoints
            }: use a larger step or a shorter range`,
            { position: node.from },
          );
        }
      }
      return rangeMs;
    }
    case 'OffsetExpr':
      return durationMs(query, node.getChild('OffsetDurationExpr')!);
    case 'StepInvariantExpr': {
      const at = node.getChild('NumberDurationLiteral');
      if (!at) return 0; // `@ start()` / `@ end()`: inside the query's window.
      const atMs = Number(query.slice(at.from, at.to)) * 1000;
      if (!Number.isFinite(atMs)) return Number.POSITIVE_INFINITY;
      const { start, end } = limits.window ?? { start: now, end: now };
      return Math.max(Math.abs(start - atMs), Math.abs(end - atMs));
    }
    default:
      return 0;
  }
}

/**
 * Refuses a parsed PromQL query when any selector reaches further back than
 * `maxLookbackMs` (`x[30d]`, `x[30d:1s]`, `x offset 90d`, `x @ 0`) or a subquery would
 * evaluate more than `maxSubqueryPoints` points.
 */
export function checkPromQLLookback(
  query: string,
  tree: Tree,
  limits: PromQLLookbackLimits,
): void {
  const now = Date.now();
  const cursor = tree.cursor();
  do {
    if (cursor.name !== 'VectorSelector') continue;
    let reach = 0;
    for (let node = cursor.node.parent; node; node = node.parent) {
      reach += reachOf(query, node, limits, now);
    }
    if (reach > limits.maxLookbackMs) {
      throw new QueryScopeError(
        'lookback-too-long',
        `The selector at ${describeOffset(query, cursor.from)} reads ${formatMs(
          reach,
        )} back (ranges, subqueries, offset and @ added up), more than the allowed ${formatMs(
          limits.maxLookbackMs,
        )}`,
        { position: cursor.from },
      );
    }
  } while (cursor.next());
}
