/**
 * A Conventional Commit of a release, as the changelog lists it.
 *
 * @public
 */
export interface ReleaseCommit {
  /** `feat`, `fix`, `perf`... */
  type: string;
  scope?: string;
  subject: string;
  breaking: boolean;
  /** The full commit hash. */
  hash: string;
  /** The pull request number, from `(#123)` or a merge message. */
  pr?: number;
  /** The commit on the repository's web host, when it has one. */
  commitUrl?: string;
  /** The pull request on the repository's web host, when it has one. */
  pullRequestUrl?: string;
}

/**
 * Unreleased commits under one changelog heading (`Features`, `Bug Fixes`).
 *
 * @public
 */
export interface ReleaseCommitGroup {
  title: string;
  commits: ReleaseCommit[];
}

/**
 * Why the next version is what it is: the kind of change that decides the
 * bump, the commits of that kind, and the rule applied before 1.0.0.
 *
 * @public
 */
export interface ReleaseBumpReason {
  /** The engine's sentence: `minor from 1.2.0: 0 breaking, 1 features, 0 fixes`. */
  summary: string;
  /** The change that decides the bump; `none` without releasable commits. */
  decidedBy:
    | 'breaking'
    | 'feat'
    | 'fix'
    | 'release-as'
    | 'first-release'
    | 'none';
  /** The commits of that kind, newest first (at most 20). */
  commits: ReleaseCommit[];
  /** The pre-1.0 rule that applied, in a sentence. */
  preMajorRule?: string;
}

/**
 * An open release pull request of the component.
 *
 * @public
 */
export interface ReleasePullRequestSummary {
  number: number;
  title: string;
  url: string;
  state: 'open' | 'draft';
  branch: string;
  /** The version it releases, from its body's release marker. */
  version: string;
  updatedAt?: string;
}

/**
 * A release of the component: a release tag, with its GitHub release when
 * there is one.
 *
 * @public
 */
export interface PastRelease {
  tag: string;
  version: string;
  /** ISO date: the GitHub release's publication, else the tag's date. */
  date?: string;
  /** The GitHub release, or the tag on the repository's web host. */
  url?: string;
  /** The GitHub release's name. */
  name?: string;
}

/**
 * The Releases card of a component: what the next release holds, its
 * version and why, the open release pull request and the past releases
 * (`GET /api/platform/releases/:kind/:namespace/:name`).
 *
 * @public
 */
export interface ComponentReleases {
  entityRef: string;
  /** The repository on its web host, when it is on GitHub. */
  repositoryUrl?: string;
  package: { name: string; path: string; ecosystem: string };
  /** The release tool whose configuration the plan follows (`none`: Catalyst's defaults). */
  tool: string;
  /** A release tool the repository runs in CI; the release agent leaves it alone unless opted in. */
  automation?: { tool: string; file: string; optedIn: boolean };
  previousVersion?: string;
  previousTag?: string;
  nextVersion: string;
  nextTag: string;
  bump: 'major' | 'minor' | 'patch' | 'none';
  reason: ReleaseBumpReason;
  /** The unreleased commits under the changelog's headings, in its order. */
  groups: ReleaseCommitGroup[];
  /** The CHANGELOG.md section the release pull request will add. */
  markdown: string;
  pullRequests: ReleasePullRequestSummary[];
  /** Newest first (at most 20). */
  releases: PastRelease[];
  /** What could not be read (GitHub unreachable, no credentials), shown with the rest. */
  warnings: string[];
}
