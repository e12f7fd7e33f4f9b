import { Checkout } from '../checkout/Checkout';
import { runGit } from '../checkout/runGit';
import { AnalysisDiagnostic, CountedName, HistoryFacts } from '../types';
import {
  BOT_PREFIXES,
  TRUNK_BRANCHES,
  branchFromMergeSubject,
  isMergeSubject,
  parseConventionalSubject,
} from './conventionalCommits';

// Catalyst's own maintenance commits (AGENTS.md refreshes, convention fixes) say
// nothing about how the team writes commits, and counting them would make the
// context it just refreshed stale again once merged.
const CATALYST_SUBJECT = /^chore\((?:agents-md|conventions)\): /;

/** How many recent subjects the convention is judged on. */
export const SUBJECTS_READ = 200;
/** Fewer non-merge subjects than this say nothing reliable about a convention. */
export const MIN_SUBJECTS = 10;

function counted(counts: Map<string, number>): CountedName[] {
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The prefix of a topic branch (`feat/login` -> `feat`), or undefined. */
function branchPrefix(branch: string): string | undefined {
  const match = /^([A-Za-z][\w.-]*)\/./.exec(branch);
  if (!match) return undefined;
  const prefix = match[1].toLowerCase();
  if (TRUNK_BRANCHES.has(prefix) || BOT_PREFIXES.has(prefix)) return undefined;
  return prefix;
}

/** An empty history, for folders that are not git repositories. */
export function noHistory(reason: string): HistoryFacts {
  return {
    available: false,
    shallow: false,
    commitsAnalysed: 0,
    mergeCommits: 0,
    conventionalCommits: 0,
    conventionalShare: 0,
    types: [],
    scopes: [],
    branchPrefixes: [],
    squashMergeShare: 0,
    source: { git: reason },
  };
}

/**
 * Reads the last commit subjects and the branch refs: the share of
 * conventional commits with their types and scopes, branch prefixes seen in
 * merge subjects and refs, and how often PRs are squash-merged.
 */
export async function readHistory(
  checkout: Checkout,
  diagnostics: AnalysisDiagnostic[],
): Promise<{ history: HistoryFacts; head?: string; defaultBranch?: string }> {
  if (!checkout.isGitRepository)
    return { history: noHistory('not a git repository') };
  const onError = (reason: string) =>
    diagnostics.push({
      severity: 'warning',
      message: `git history could not be read: ${reason}`,
    });
  const shallowResult = await runGit(checkout.root, [
    'rev-parse',
    '--is-shallow-repository',
  ]);
  const shallow = shallowResult?.stdout.trim() === 'true';
  const headResult = await runGit(checkout.root, [
    'rev-parse',
    '--verify',
    '-q',
    'HEAD',
  ]);
  if (!headResult) {
    diagnostics.push({
      severity: 'info',
      message: 'the git repository has no commits yet: no history was read',
    });
    return { history: noHistory('no commits') };
  }
  const log = await runGit(
    checkout.root,
    ['log', '-n', String(SUBJECTS_READ * 3), '--format=%s%x00%P'],
    onError,
  );
  if (!log) return { history: noHistory('git log failed') };
  const types = new Map<string, number>();
  const scopes = new Map<string, number>();
  const branches = new Set<string>();
  let analysed = 0;
  let merges = 0;
  let conventional = 0;
  let squashed = 0;
  for (const entry of log.stdout.split('\n')) {
    if (!entry) continue;
    const [subject, parents = ''] = entry.split('\0');
    const isMerge =
      parents.trim().split(' ').length > 1 || isMergeSubject(subject);
    if (isMerge) {
      merges++;
      const branch = branchFromMergeSubject(subject);
      if (branch) branches.add(branch);
      continue;
    }
    if (analysed >= SUBJECTS_READ || CATALYST_SUBJECT.test(subject)) continue;
    analysed++;
    if (/\(#\d+\)\s*$/.test(subject)) squashed++;
    const parsed = parseConventionalSubject(subject);
    if (parsed) {
      conventional++;
      bump(types, parsed.type);
      if (parsed.scope) bump(scopes, parsed.scope);
    }
  }
  const refs = await runGit(
    checkout.root,
    ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes'],
    onError,
  );
  let defaultBranch: string | undefined;
  for (const ref of (refs?.stdout ?? '').split('\n').filter(Boolean)) {
    const name = ref.startsWith('refs/heads/')
      ? ref.slice('refs/heads/'.length)
      : ref.split('/').slice(3).join('/');
    if (!defaultBranch && (name === 'main' || name === 'master'))
      defaultBranch = name;
    branches.add(name);
  }
  // A branch seen both as a ref and in a merge subject counts once.
  const prefixes = new Map<string, number>();
  for (const branch of branches) {
    const prefix = branchPrefix(branch);
    if (prefix) bump(prefixes, prefix);
  }
  const symbolic = await runGit(checkout.root, [
    'symbolic-ref',
    '--short',
    '-q',
    'refs/remotes/origin/HEAD',
  ]);
  if (symbolic?.stdout.trim())
    defaultBranch = symbolic.stdout.trim().replace(/^origin\//, '');
  if (shallow) {
    diagnostics.push({
      severity: 'info',
      message: `shallow clone: only ${
        analysed + merges
      } commit(s) are visible, so commit and branch conventions may be missing`,
    });
  }
  if (analysed < MIN_SUBJECTS) {
    diagnostics.push({
      severity: 'info',
      message: `only ${analysed} non-merge commit(s) in history: too few to infer a commit convention`,
    });
  }
  return {
    head: headResult.stdout.trim(),
    defaultBranch,
    history: {
      available: true,
      shallow,
      commitsAnalysed: analysed,
      mergeCommits: merges,
      conventionalCommits: conventional,
      conventionalShare: analysed
        ? Math.round((conventional / analysed) * 1000) / 1000
        : 0,
      types: counted(types),
      scopes: counted(scopes),
      branchPrefixes: counted(prefixes),
      squashMergeShare: analysed
        ? Math.round((squashed / analysed) * 1000) / 1000
        : 0,
      source: {
        git: `git log -n ${
          SUBJECTS_READ * 3
        } (subjects of the last ${analysed} non-merge and ${merges} merge commits); git for-each-ref refs/heads refs/remotes`,
      },
    },
  };
}
