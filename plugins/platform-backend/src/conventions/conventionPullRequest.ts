import type { ConventionsCheck } from '@catalyst/conventions';

/** The branch every convention fix of a repository goes to: one branch, one pull request. */
export const CONVENTIONS_BRANCH = 'catalyst/conventions';

/** Commit message and pull request title of a fix. */
export const CONVENTIONS_COMMIT_MESSAGE =
  'chore(conventions): apply the platform standard';

/** The body of the fix pull request: which files change and why. */
export function conventionPullRequestBody(
  check: ConventionsCheck,
  entityRef: string,
  files: string[],
): string {
  const reasons = check.reports
    .filter(report => report.kind === 'file' && files.includes(report.name))
    .map(
      report =>
        `- \`${report.name}\`: ${
          report.status === 'missing' ? 'missing' : 'differs from the standard'
        }${
          report.evidence.length && report.status !== 'missing'
            ? ` (${report.evidence.slice(0, 3).join('; ')})`
            : ''
        }`,
    );
  return [
    `Catalyst brings \`${entityRef}\` onto the platform standard of the **${check.pack.title}** convention pack (${check.pack.reason}).`,
    '',
    ...reasons,
    '',
    'Files turned off or ignored in `catalyst.yaml` are left alone. Reproduce locally with `catalyst conventions <repo-dir> --fix`. Pushing to this branch is pointless: the next fix replaces it.',
  ].join('\n');
}
