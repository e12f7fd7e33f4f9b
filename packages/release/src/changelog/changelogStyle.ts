/**
 * How a repository's CHANGELOG.md writes a release section.
 *
 * @public
 */
export type ChangelogStyle = {
  kind:
    | 'release-please'
    | 'conventional-changelog'
    | 'changesets'
    | 'keep-a-changelog';
  /** `https://github.com/owner/repo`, for links; none without it. */
  repositoryUrl?: string;
  bullet: '*' | '-';
  /** `⚠ BREAKING CHANGES` (release-please) or `BREAKING CHANGES`. */
  breakingHeading: string;
};

const VERSION_HEADING = /^(#{1,3}) \[?v?\d+\.\d+\.\d+[^\s\]]*\]?/m;
const REPO_LINK =
  /(https:\/\/(?:github\.com|gitlab\.com)\/[\w.-]+\/[\w.-]+?)\/(?:compare|commit|issues|pull)\//;

/**
 * Normalises a git remote to its web address.
 *
 * @public
 */
export function repositoryWebUrl(
  remote: string | undefined,
): string | undefined {
  if (!remote) return undefined;
  const ssh = /^git@([^:]+):(.+?)(?:\.git)?$/.exec(remote);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const https =
    /^(?:git\+)?https?:\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(
      remote,
    );
  return https ? `https://${https[1]}/${https[2]}` : undefined;
}

/**
 * Reads the style of the newest release section of a CHANGELOG.md; the
 * release-please style when the file is absent or has no release yet.
 *
 * @public
 */
export function detectChangelogStyle(
  changelog: string | undefined,
  fallback: Partial<ChangelogStyle> = {},
): ChangelogStyle {
  const text = (changelog ?? '').slice(0, 256 * 1024);
  const repositoryUrl = REPO_LINK.exec(text)?.[1] ?? fallback.repositoryUrl;
  const heading = VERSION_HEADING.exec(text);
  const start = heading?.index ?? 0;
  const section = text.slice(start, start + 8000);
  let bullet: '*' | '-' = fallback.bullet ?? '*';
  if (/^\* /m.test(section)) bullet = '*';
  else if (/^- /m.test(section)) bullet = '-';
  let kind: ChangelogStyle['kind'] = fallback.kind ?? 'release-please';
  if (/^### (Major|Minor|Patch) Changes/m.test(text)) kind = 'changesets';
  else if (
    /^## \[[^\]]+\] - \d{4}-\d{2}-\d{2}/m.test(text) ||
    /^### (Added|Fixed|Changed)$/m.test(section)
  ) {
    kind = 'keep-a-changelog';
  } else if (/^# \[\d/m.test(text) || /^### BREAKING CHANGES$/m.test(text)) {
    kind = 'conventional-changelog';
  } else if (heading) kind = 'release-please';
  return {
    kind,
    repositoryUrl,
    bullet,
    breakingHeading:
      /⚠ BREAKING CHANGES/.test(text) || (!heading && kind === 'release-please')
        ? '⚠ BREAKING CHANGES'
        : 'BREAKING CHANGES',
  };
}
