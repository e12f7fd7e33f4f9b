/** Types of the Conventional Commits spec and the Angular convention, plus common extras. */
export const CONVENTIONAL_TYPES = new Set([
  'feat',
  'fix',
  'chore',
  'docs',
  'style',
  'refactor',
  'perf',
  'test',
  'tests',
  'build',
  'ci',
  'revert',
  'deps',
  'release',
  'security',
  'i18n',
  'types',
  'wip',
  'hotfix',
  'infra',
  'config',
  'ops',
  'improvement',
  'feature',
  'bugfix',
  'dev',
]);

/** A parsed `type(scope)!: subject`. */
export interface ConventionalSubject {
  type: string;
  scope?: string;
  breaking: boolean;
}

/** Parses a commit subject as a conventional commit, or undefined when it is not one. */
export function parseConventionalSubject(
  subject: string,
): ConventionalSubject | undefined {
  const match = /^([a-z]+)(?:\(([^()\s][^()]*)\))?(!)?: \S/.exec(subject);
  if (!match || !CONVENTIONAL_TYPES.has(match[1])) return undefined;
  return { type: match[1], scope: match[2], breaking: match[3] === '!' };
}

/** Subjects of merge commits, which say nothing about the commit convention. */
export function isMergeSubject(subject: string): boolean {
  return /^Merge (pull request|branch|remote-tracking branch|tag|commit|.* into )/.test(
    subject,
  );
}

/**
 * The branch a merge subject names: `Merge pull request #12 from org/feat/x`,
 * `Merge branch 'fix/y' into main`, GitLab's `Merge branch 'x' into 'main'`.
 */
export function branchFromMergeSubject(subject: string): string | undefined {
  const pr = /^Merge pull request #\d+ from [^/\s]+\/(\S+)/.exec(subject);
  if (pr) return pr[1];
  const branch = /^Merge (?:remote-tracking )?branch '([^']+)'/.exec(subject);
  if (branch) return branch[1].replace(/^origin\//, '');
  return undefined;
}

/** Branch names that are the trunk, not topic branches. */
export const TRUNK_BRANCHES = new Set([
  'main',
  'master',
  'develop',
  'development',
  'dev',
  'trunk',
  'staging',
  'production',
  'release',
  'HEAD',
  'gh-pages',
]);

/** Prefixes of bot branches, kept out of the human convention. */
export const BOT_PREFIXES = new Set([
  'dependabot',
  'renovate',
  'snyk-fix',
  'snyk-upgrade',
  'imgbot',
  'allcontributors',
  'pre-commit-ci',
  'github-actions',
  'changeset-release',
  'release-please--branches--main',
  'release-please--branches--master',
  'copilot',
  'revert',
]);
