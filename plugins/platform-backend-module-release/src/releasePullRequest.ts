import type { ReleasePlan } from '@catalyst/release';

/** The release of one component or package that a release pull request carries. */
export interface ReleaseMarker {
  name: string;
  version: string;
  tag: string;
}

const MARKER = /<!-- catalyst:release (\{[^\n]{1,1000}\}) -->/;
const NOTES_START = '<!-- catalyst:release-notes:start -->';
const NOTES_END = '<!-- catalyst:release-notes:end -->';
const MAX_BODY = 60_000;

/** `chore/release-<name>`, with the name reduced to what a branch name allows. */
export function releaseBranch(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `chore/release-${slug || 'repository'}`;
}

/** `chore(release): <name> <version>`. */
export function releaseTitle(name: string, version: string): string {
  return `chore(release): ${name} ${version}`;
}

/** The pull request body: why this version, the notes, and a marker the tagger reads after the merge. */
export function releasePullRequestBody(
  plan: ReleasePlan,
  name: string,
): string {
  const marker: ReleaseMarker = {
    name,
    version: plan.nextVersion,
    tag: plan.nextTag,
  };
  const notes = plan.markdown.slice(0, MAX_BODY);
  return [
    `Catalyst release of **${name}** ${plan.nextVersion} (${plan.reason}).`,
    '',
    'Merging this pull request tags the merge commit and publishes a GitHub release with these notes.',
    '',
    NOTES_START,
    notes.trimEnd(),
    NOTES_END,
    '',
    `<!-- catalyst:release ${JSON.stringify(marker)} -->`,
    '',
  ].join('\n');
}

/** Reads back what a merged release pull request released; undefined for any other body. */
export function readReleasePullRequest(
  body: string | null | undefined,
): (ReleaseMarker & { notes: string }) | undefined {
  if (!body) return undefined;
  const text = body.slice(0, MAX_BODY * 2);
  const match = MARKER.exec(text);
  if (!match) return undefined;
  let marker: unknown;
  try {
    marker = JSON.parse(match[1]);
  } catch {
    // A hand-edited marker that no longer parses marks no release.
    return undefined;
  }
  const m = marker as Partial<ReleaseMarker>;
  if (
    typeof m.name !== 'string' ||
    typeof m.version !== 'string' ||
    typeof m.tag !== 'string'
  ) {
    return undefined;
  }
  const start = text.indexOf(NOTES_START);
  const end = text.indexOf(NOTES_END);
  const notes =
    start >= 0 && end > start
      ? text.slice(start + NOTES_START.length, end).trim()
      : '';
  return { name: m.name, version: m.version, tag: m.tag, notes };
}
