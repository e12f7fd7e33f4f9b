import type {
  InvestigationCause,
  InvestigationChange,
  InvestigationDeployment,
  InvestigationLogPattern,
  InvestigationSignalChange,
} from '@catalyst/plugin-observability-common';

const MAX_CAUSES = 10;
// A merge this long before the signal moved scores half of one right before it.
const HALF_SCORE_LEAD_MS = 10 * 60_000;
const STOPWORDS = new Set([
  'with',
  'from',
  'into',
  'that',
  'this',
  'when',
  'then',
  'than',
  'feat',
  'chore',
  'refactor',
  'test',
  'docs',
  'request',
  'error',
  'failed',
]);

const SERIES_NAMES: Record<string, string> = {
  errors: 'error ratio',
  error_ratio: 'error ratio',
  traffic: 'traffic',
  p50: 'p50 latency',
  p95: 'p95 latency',
  p99: 'p99 latency',
  cpu: 'CPU saturation',
  memory: 'memory saturation',
};

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .filter(w => w.length >= 4 && !STOPWORDS.has(w) && !/^\d+$/.test(w)),
  );
}

function percent(value: number): string {
  const p = value * 100;
  return `${p >= 10 ? Math.round(p) : Number(p.toFixed(1))} %`;
}

function duration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.max(1, Math.round(ms / 1000))} seconds`;
  if (minutes < 120) {
    const whole = Math.round(minutes);
    return `${whole} minute${whole === 1 ? '' : 's'}`;
  }
  return `${Math.round(minutes / 60)} hours`;
}

/** What moved most: errors first, then latency, among the series that moved up. */
export function primarySignal(
  signals: InvestigationSignalChange[],
): InvestigationSignalChange | undefined {
  const weights: Partial<Record<string, number>> = { errors: 3, latency: 2 };
  const weight = (s: InvestigationSignalChange) => weights[s.signal] ?? 1;
  return signals
    .filter(s => s.before !== null && s.during !== null && s.during > s.before)
    .sort(
      (a, b) =>
        weight(b) - weight(a) ||
        (b.factor ?? Infinity) - (a.factor ?? Infinity),
    )[0];
}

/** "error ratio rose 40×", or "from 0 to 100 %" when there was nothing before. */
export function describeChange(signal: InvestigationSignalChange): string {
  const name = SERIES_NAMES[signal.series] ?? signal.series;
  const format = (v: number) => {
    if (signal.unit === 'ratio') return percent(v);
    if (signal.unit === 'seconds') return `${Number(v.toFixed(3))} s`;
    return `${Number(v.toFixed(2))}/s`;
  };
  if (signal.factor !== undefined) {
    const factor =
      signal.factor >= 10
        ? Math.round(signal.factor)
        : Number(signal.factor.toFixed(1));
    return `${name} rose ${factor}× (${format(signal.before!)} → ${format(
      signal.during!,
    )})`;
  }
  return `${name} rose from ${format(signal.before ?? 0)} to ${format(
    signal.during ?? 0,
  )}`;
}

/** A merged pull request or a deployment, as the ranking weighs it. */
type TimedChange = {
  kind: 'change' | 'deployment';
  at: number;
  /** `PR #12`, `deployment 7 of main (abc1234) to production`. */
  name: string;
  title: string;
  /** What shares words with the error pattern. */
  text: string;
  /** `merging`, `starting`; `merged`, `deployed`. */
  verb: string;
  past: string;
  entityRef: string;
  relation: 'self' | 'dependency';
  url: string;
};

function timedChanges(
  changes: InvestigationChange[],
  deployments: InvestigationDeployment[],
): TimedChange[] {
  return [
    ...changes.map(c => ({
      kind: 'change' as const,
      at: Date.parse(c.mergedAt),
      name: `PR #${c.number}`,
      title: `PR #${c.number}: ${c.title}`,
      text: `${c.title} ${c.scopes.join(' ')}`,
      verb: 'merging',
      past: 'merged',
      entityRef: c.entityRef,
      relation: c.relation,
      url: c.url,
    })),
    ...deployments.map(d => {
      const name = `the deployment of ${d.ref} (${d.sha.slice(0, 7)}) to ${
        d.environment
      }`;
      return {
        kind: 'deployment' as const,
        at: Date.parse(d.createdAt),
        name,
        title: `Deployment: ${d.repository} ${d.ref} (${d.sha.slice(
          0,
          7,
        )}) to ${d.environment}`,
        text: `${d.ref} ${d.description ?? ''}`,
        verb: 'starting',
        past: 'deployed',
        entityRef: d.entityRef,
        relation: d.relation,
        url: d.url,
      };
    }),
  ];
}

/**
 * Ranks probable causes, deterministically: each merged change and deployment by how
 * shortly before the signal moved it happened (one of the component itself over one of
 * a dependency) and whether its title or scopes share words with the dominant new error
 * pattern; and that pattern itself when it is new. Every cause says why.
 */
export function rankCauses(input: {
  signals: InvestigationSignalChange[];
  logPatterns: InvestigationLogPattern[];
  changes: InvestigationChange[];
  deployments?: InvestigationDeployment[];
  alertStart: number;
}): InvestigationCause[] {
  const primary = primarySignal(input.signals);
  const onset = Math.min(primary?.onset ?? input.alertStart, input.alertStart);
  const moved = primary ? describeChange(primary) : 'the alert fired';
  const top = input.logPatterns.find(p => p.during > 0);
  const patternWords = top ? words(top.pattern) : new Set<string>();
  const patternNote = top
    ? `; ${percent(top.shareOfDuring)} of new error lines match \`${
        top.pattern
      }\``
    : '';

  const causes: Omit<InvestigationCause, 'rank'>[] = [];
  for (const change of timedChanges(input.changes, input.deployments ?? [])) {
    const lead = onset - change.at;
    const shared = [...words(change.text)].filter(w => patternWords.has(w));
    const where =
      change.relation === 'self' ? '' : ` (${change.entityRef}, a dependency)`;
    if (lead < -60_000) {
      causes.push({
        kind: change.kind,
        score: 0.01,
        title: change.title,
        reason: `${change.past} ${duration(
          -lead,
        )} after the change began: it cannot have started it${where}`,
        url: change.url,
      });
      continue;
    }
    const proximity = 1 / (1 + Math.max(0, lead) / HALF_SCORE_LEAD_MS);
    const relevance = shared.length ? 1 : 0;
    const score =
      (0.7 * proximity + 0.3 * relevance) *
      (change.relation === 'self' ? 1 : 0.7);
    causes.push({
      kind: change.kind,
      score,
      title: change.title,
      reason: `${moved} within ${duration(Math.max(0, lead))} of ${
        change.name
      } ${change.verb}${where}${patternNote}${
        shared.length
          ? ` (the ${
              change.kind === 'change' ? 'PR' : 'deployment'
            } and the pattern share "${shared[0]}")`
          : ''
      }`,
      url: change.url,
    });
  }
  if (top && top.before === 0) {
    causes.push({
      kind: 'log_pattern',
      score: 0.3 * top.shareOfDuring,
      title: `New error: ${top.pattern}`,
      reason: `${percent(
        top.shareOfDuring,
      )} of error lines since the alert started (${top.during}) match \`${
        top.pattern
      }\`, and none did before`,
    });
  }
  return causes
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
    .slice(0, MAX_CAUSES)
    .map((cause, i) => ({
      rank: i + 1,
      ...cause,
      score: Number(cause.score.toFixed(3)),
    }));
}
