import { InputError } from '@backstage/errors';
import { posix } from 'node:path';
import { GithubNotFoundError, GithubValidationError } from './GithubApiError';
import {
  GithubClientOptions,
  githubConnector,
  GithubConnection,
} from './connectGithub';
import {
  GithubRepositoryRef,
  parseGithubRepository,
} from './parseGithubRepository';
import {
  PublishedPullRequest,
  PublishPullRequestOptions,
  PullRequestFileChange,
  PushCommitOptions,
} from './types';

type TreeEntry = {
  path: string;
  mode: '100644' | '100755';
  type: 'blob';
  sha: string | null;
};

/** The parts of git's ref-name rules that a branch name can break. */
function checkBranchName(name: string, what: string) {
  if (
    !name ||
    /[\s~^:?*[\\]/.test(name) ||
    [...name].some(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) ||
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    /^[/.-]|[/.]$|\.lock$/.test(name) ||
    name.split('/').some(part => part.startsWith('.'))
  ) {
    throw new InputError(`${what} '${name}' is not a valid branch name`);
  }
}

function checkFilePath(path: string): string {
  const normalized = posix.normalize(path);
  if (
    !path ||
    normalized !== path ||
    posix.isAbsolute(path) ||
    path.split('/').some(part => part === '..' || part === '.git')
  ) {
    throw new InputError(
      `'${path}' is not a file path inside the repository (relative, normalised, no '..' or '.git')`,
    );
  }
  return path;
}

/**
 * Opens a pull request with a set of file changes, or updates the one that is
 * already open from the same branch; never a second one. The branch is
 * force-updated to a single commit on top of the base branch, made through
 * GitHub's git data API (blobs, tree, commit, ref), so nothing is cloned.
 * The GitHub host, API URL and credentials (token or GitHub App) come from
 * Backstage's GitHub integrations.
 *
 * Failed calls throw the typed errors of {@link classifyGithubError}
 * (`GithubRateLimitError` with its reset time, `GithubAuthError`,
 * `GithubValidationError`, `GithubNotFoundError`).
 *
 * @public
 */
export class GithubPullRequestPublisher {
  private readonly connect: ReturnType<typeof githubConnector>;

  constructor(options: GithubClientOptions) {
    this.connect = githubConnector(options);
  }

  async publish(
    options: PublishPullRequestOptions,
  ): Promise<PublishedPullRequest> {
    const target = parseGithubRepository(options.repository, {
      defaultHost: options.defaultHost,
    });
    checkBranchName(options.branch, 'Branch');
    if (options.baseBranch) checkBranchName(options.baseBranch, 'Base branch');
    if (target.ref) checkBranchName(target.ref, 'Branch of the repository URL');
    const files = Object.entries(options.files).map(
      ([path, change]) => [checkFilePath(path), change] as const,
    );
    if (files.length === 0) {
      throw new InputError('A pull request needs at least one file change');
    }
    if (!options.title.trim() || !options.commitMessage.trim()) {
      throw new InputError('A pull request needs a title and a commit message');
    }

    const github = await this.connect(target);
    const { owner, repo } = target;
    const repository = { host: target.host, owner, repo };

    const baseBranch =
      options.baseBranch ??
      target.ref ??
      (await github.call('repos.get', o => o.rest.repos.get({ owner, repo })))
        .default_branch;
    if (baseBranch === options.branch) {
      throw new InputError(
        `The pull request branch '${options.branch}' is the base branch`,
      );
    }
    const baseRef = await github.call('git.getRef', o =>
      o.rest.git.getRef({ owner, repo, ref: `heads/${baseBranch}` }),
    );
    const baseSha = baseRef.object.sha;
    const baseCommit = await github.call('git.getCommit', o =>
      o.rest.git.getCommit({ owner, repo, commit_sha: baseSha }),
    );

    const entries = await this.treeEntries(
      github,
      target,
      baseCommit.tree.sha,
      files,
    );
    const tree = entries.length
      ? await github.call('git.createTree', o =>
          o.rest.git.createTree({
            owner,
            repo,
            base_tree: baseCommit.tree.sha,
            tree: entries,
          }),
        )
      : baseCommit.tree;
    if (tree.sha === baseCommit.tree.sha) {
      return {
        status: 'no-changes',
        repository,
        branch: options.branch,
        baseBranch,
        branchMoved: false,
      };
    }

    const { commitSha, branchMoved } = await this.pushBranch(github, target, {
      branch: options.branch,
      baseSha,
      treeSha: tree.sha,
      message: options.commitMessage,
      author: options.author,
    });
    const { pullRequest, created } = await this.openOrUpdatePullRequest(
      github,
      target,
      { ...options, baseBranch },
    );
    return {
      status: created ? 'created' : 'updated',
      repository,
      branch: options.branch,
      baseBranch,
      commitSha,
      branchMoved,
      pullRequest: { ...pullRequest, headSha: commitSha },
    };
  }

  /**
   * Adds one commit with the file changes on top of `parentSha` and moves
   * the branch to it, never forced: when anyone pushed to the branch since
   * `parentSha` was read, GitHub refuses the move (a `GithubValidationError`)
   * rather than drop their commit.
   */
  async pushCommit(options: PushCommitOptions): Promise<{ commitSha: string }> {
    const target = parseGithubRepository(options.repository, {
      defaultHost: options.defaultHost,
    });
    checkBranchName(options.branch, 'Branch');
    const files = Object.entries(options.files).map(
      ([path, change]) => [checkFilePath(path), change] as const,
    );
    if (files.length === 0) {
      throw new InputError('A commit needs at least one file change');
    }
    const github = await this.connect(target);
    const { owner, repo } = target;
    const parent = await github.call('git.getCommit', o =>
      o.rest.git.getCommit({ owner, repo, commit_sha: options.parentSha }),
    );
    const entries = await this.treeEntries(
      github,
      target,
      parent.tree.sha,
      files,
    );
    const tree = await github.call('git.createTree', o =>
      o.rest.git.createTree({
        owner,
        repo,
        base_tree: parent.tree.sha,
        tree: entries,
      }),
    );
    const commit = await github.call('git.createCommit', o =>
      o.rest.git.createCommit({
        owner,
        repo,
        message: options.message,
        tree: tree.sha,
        parents: [options.parentSha],
        author: options.author,
      }),
    );
    await github.call('git.updateRef', o =>
      o.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${options.branch}`,
        sha: commit.sha,
        force: false,
      }),
    );
    return { commitSha: commit.sha };
  }

  /** Blobs for written files; deletions only of files the base has, which GitHub requires. */
  private async treeEntries(
    github: GithubConnection,
    target: GithubRepositoryRef,
    baseTreeSha: string,
    files: (readonly [string, PullRequestFileChange])[],
  ): Promise<TreeEntry[]> {
    const { owner, repo } = target;
    let existing: Set<string> | undefined;
    if (files.some(([, change]) => 'delete' in change)) {
      const tree = await github.call('git.getTree', o =>
        o.rest.git.getTree({
          owner,
          repo,
          tree_sha: baseTreeSha,
          recursive: 'true',
        }),
      );
      existing = tree.truncated
        ? undefined
        : new Set(tree.tree.filter(e => e.type === 'blob').map(e => e.path!));
    }
    const entries: TreeEntry[] = [];
    for (const [path, change] of files) {
      if ('delete' in change) {
        if (!existing || existing.has(path)) {
          entries.push({ path, mode: '100644', type: 'blob', sha: null });
        }
        continue;
      }
      const blob = await github.call('git.createBlob', o =>
        o.rest.git.createBlob({
          owner,
          repo,
          // base64 keeps the bytes exact (line endings, trailing newline).
          content: Buffer.from(change.content, 'utf8').toString('base64'),
          encoding: 'base64',
        }),
      );
      entries.push({
        path,
        mode: change.executable ? '100755' : '100644',
        type: 'blob',
        sha: blob.sha,
      });
    }
    return entries;
  }

  /** Points the branch at one commit with `treeSha` on top of the base, unless it already is. */
  private async pushBranch(
    github: GithubConnection,
    target: GithubRepositoryRef,
    change: {
      branch: string;
      baseSha: string;
      treeSha: string;
      message: string;
      author?: { name: string; email: string };
    },
  ): Promise<{ commitSha: string; branchMoved: boolean }> {
    const { owner, repo } = target;
    const ref = `heads/${change.branch}`;
    let head: string | undefined;
    try {
      head = (
        await github.call('git.getRef', o =>
          o.rest.git.getRef({ owner, repo, ref }),
        )
      ).object.sha;
    } catch (error) {
      if (!GithubNotFoundError.is(error)) throw error;
    }
    if (head) {
      const current = await github.call('git.getCommit', o =>
        o.rest.git.getCommit({ owner, repo, commit_sha: head! }),
      );
      if (
        current.tree.sha === change.treeSha &&
        current.parents.length === 1 &&
        current.parents[0].sha === change.baseSha
      ) {
        return { commitSha: head, branchMoved: false };
      }
    }
    const commit = await github.call('git.createCommit', o =>
      o.rest.git.createCommit({
        owner,
        repo,
        message: change.message,
        tree: change.treeSha,
        parents: [change.baseSha],
        author: change.author,
      }),
    );
    const update = () =>
      github.call('git.updateRef', o =>
        o.rest.git.updateRef({
          owner,
          repo,
          ref,
          sha: commit.sha,
          force: true,
        }),
      );
    if (head) {
      await update();
    } else {
      try {
        await github.call('git.createRef', o =>
          o.rest.git.createRef({
            owner,
            repo,
            ref: `refs/${ref}`,
            sha: commit.sha,
          }),
        );
      } catch (error) {
        // Someone created the branch since we looked: take it over.
        if (
          !GithubValidationError.is(error) ||
          !/already exists/i.test(error.message)
        ) {
          throw error;
        }
        await update();
      }
    }
    return { commitSha: commit.sha, branchMoved: true };
  }

  private async openOrUpdatePullRequest(
    github: GithubConnection,
    target: GithubRepositoryRef,
    options: PublishPullRequestOptions & { baseBranch: string },
  ): Promise<{
    pullRequest: { number: number; url: string };
    created: boolean;
  }> {
    const { owner, repo } = target;
    const findOpen = async () => {
      const open = await github.call('pulls.list', o =>
        o.rest.pulls.list({
          owner,
          repo,
          state: 'open',
          head: `${owner}:${options.branch}`,
          per_page: 100,
        }),
      );
      return open.find(pr => pr.base.ref === options.baseBranch) ?? open[0];
    };
    const update = async (number: number) => {
      const updated = await github.call('pulls.update', o =>
        o.rest.pulls.update({
          owner,
          repo,
          pull_number: number,
          title: options.title,
          body: options.body,
          base: options.baseBranch,
        }),
      );
      return {
        pullRequest: { number: updated.number, url: updated.html_url },
        created: false,
      };
    };

    const open = await findOpen();
    if (open) return update(open.number);
    try {
      const created = await github.call('pulls.create', o =>
        o.rest.pulls.create({
          owner,
          repo,
          title: options.title,
          body: options.body,
          head: options.branch,
          base: options.baseBranch,
          draft: options.draft,
        }),
      );
      return {
        pullRequest: { number: created.number, url: created.html_url },
        created: true,
      };
    } catch (error) {
      // Opened by a concurrent run between our list and create.
      if (
        GithubValidationError.is(error) &&
        /already exists/i.test(error.message)
      ) {
        const raced = await findOpen();
        if (raced) return update(raced.number);
      }
      throw error;
    }
  }
}
