/**
 * What to do with one file of the repository: write this text (the whole
 * file), or delete it.
 *
 * @public
 */
export type PullRequestFileChange =
  | { content: string; executable?: boolean }
  | { delete: true };

/**
 * A pull request to open, or to update when one is already open from the
 * same branch.
 *
 * @public
 */
export interface PublishPullRequestOptions {
  /** `owner/repo` or a repository URL; a URL's `/tree/<branch>` is the default base branch. */
  repository: string;
  /** Host that a bare `owner/repo` belongs to. Default `github.com`. */
  defaultHost?: string;
  /** The pull request's branch (`catalyst/agents-md`). Force-updated to one commit on top of the base. */
  branch: string;
  /** Branch the pull request targets. Default: the URL's branch, else the repository's default branch. */
  baseBranch?: string;
  commitMessage: string;
  title: string;
  body?: string;
  /** Files to write or delete, by path from the repository root. */
  files: Record<string, PullRequestFileChange>;
  /** Open new pull requests as drafts. */
  draft?: boolean;
  /** Commit author; GitHub uses the credentials' identity when absent. */
  author?: { name: string; email: string };
}

/**
 * What publishing did.
 *
 * - `created`: a new pull request was opened.
 * - `updated`: the open pull request of the branch got the new commit, title and body.
 * - `no-changes`: the files already read so on the base branch; nothing was pushed.
 *
 * @public
 */
export interface PublishedPullRequest {
  status: 'created' | 'updated' | 'no-changes';
  repository: { host: string; owner: string; repo: string };
  branch: string;
  baseBranch: string;
  /** The branch's commit; absent for `no-changes`. */
  commitSha?: string;
  /** False when the branch already held exactly these changes on the current base. */
  branchMoved: boolean;
  /**
   * The pull request, with the commit this publish left on its branch
   * (`headSha`): what an auto-merge may merge, and nothing else.
   */
  pullRequest?: { number: number; url: string; headSha: string };
}

/**
 * One commit to add on top of a branch's head, the way a person pushes:
 * never forced.
 *
 * @public
 */
export interface PushCommitOptions {
  /** `owner/repo` or a repository URL. */
  repository: string;
  /** Host that a bare `owner/repo` belongs to. Default `github.com`. */
  defaultHost?: string;
  /** The branch to move. */
  branch: string;
  /** The head the commit goes on top of: the branch must still point at it. */
  parentSha: string;
  /** The commit message. */
  message: string;
  /** Files to write or delete, by path from the repository root. */
  files: Record<string, PullRequestFileChange>;
  /** Commit author; GitHub uses the credentials' identity when absent. */
  author?: { name: string; email: string };
}
