import { GitRepository } from '@catalyst/release';

/**
 * A release tool a repository already runs in CI.
 *
 * @public
 */
export interface ReleaseAutomation {
  tool: 'release-please' | 'semantic-release' | 'changesets';
  /** The file that says so. */
  file: string;
}

const MAX_WORKFLOW = 256 * 1024;
const SIGNS: Array<[ReleaseAutomation['tool'], RegExp]> = [
  [
    'release-please',
    /\b(?:googleapis|google-github-actions)\/release-please-action\b|\brelease-please\b/,
  ],
  [
    'semantic-release',
    /\bsemantic-release\b|cycjimmy\/semantic-release-action/,
  ],
  ['changesets', /\bchangesets\/action\b/],
];

/**
 * Finds release-please, semantic-release or changesets running in the
 * repository's GitHub Actions workflows (or the release-please GitHub App's
 * `.github/release-please.yml`) at `ref`.
 *
 * @public
 */
export async function detectReleaseAutomation(
  repo: GitRepository,
  ref = 'HEAD',
): Promise<ReleaseAutomation | undefined> {
  const listing = await repo.git([
    'ls-tree',
    '--name-only',
    ref,
    '.github/',
    '.github/workflows/',
  ]);
  const files = listing.split('\n').filter(Boolean);
  if (files.some(f => /^\.github\/release-please\.ya?ml$/.test(f))) {
    return {
      tool: 'release-please',
      file: files.find(f => /release-please\.ya?ml$/.test(f))!,
    };
  }
  for (const file of files
    .filter(f => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f))
    .slice(0, 200)) {
    const text = (await repo.show(ref, file))?.slice(0, MAX_WORKFLOW) ?? '';
    for (const [tool, sign] of SIGNS) {
      if (sign.test(text)) return { tool, file };
    }
  }
  return undefined;
}
