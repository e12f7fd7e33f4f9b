import type { PlatformTask } from '@catalyst/plugin-platform-common';
import { InputError } from '@backstage/errors';
import type { CheckoutService, WritableCheckout } from '../checkouts/types';
import type { GithubPullRequestPublisher } from '../github/GithubPullRequestPublisher';
import type {
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
} from './types';

/**
 * The pull request a change goes to: one branch per task type and subject.
 *
 * @public
 */
export interface ProposedPullRequest {
  commitMessage: string;
  title: string;
  body: string;
  /** Overrides `chore/<type>-<subject>` when the portal proposes the same change on a branch of its own. */
  branch?: string;
}

/**
 * `chore/<type>-<subject>`, with the subject reduced to what a branch name allows.
 *
 * @public
 */
export function taskBranch(task: PlatformTask): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const subject = slug(task.subject ?? '') || 'repository';
  return `chore/${slug(task.taskType)}-${subject}`;
}

/**
 * The repository URL to clone: `payload.repositoryUrl`, else `https://github.com/<repository>`.
 *
 * @public
 */
export function taskRepositoryUrl(task: PlatformTask): string {
  const url = task.payload.repositoryUrl;
  if (typeof url === 'string' && url) return url.replace(/\/$/, '');
  if (!task.repository) {
    throw new InputError(`Task ${task.id} names no repository`);
  }
  return `https://github.com/${task.repository}`;
}

/**
 * Clones the task's repository, lets `change` edit the checkout, and turns
 * what changed into the task's outcome. Nothing changed: `nothing_to_do`.
 * In the prepare phase (dry run, or waiting for approval) only the diff is
 * returned and GitHub is not touched; in the apply phase the change is
 * opened as a pull request, or updates the one already open on the branch.
 *
 * @public
 */
export async function proposeChange(options: {
  task: PlatformTask;
  ctx: PlatformTaskExecutionContext;
  checkouts: CheckoutService;
  publisher: Pick<GithubPullRequestPublisher, 'publish'>;
  change(checkout: WritableCheckout): Promise<ProposedPullRequest>;
  /** Commits of history the change reads (default 1). */
  depth?: number;
}): Promise<PlatformTaskExecutionResult> {
  const { task, ctx } = options;
  const repositoryUrl = taskRepositoryUrl(task);
  const checkout = await options.checkouts.clone({
    repositoryUrl,
    depth: options.depth,
  });
  try {
    const proposal = await options.change(checkout);
    ctx.signal.throwIfAborted();
    const { files, diff } = await checkout.changes();
    const changed = Object.keys(files).length;
    if (changed === 0) {
      return { outcome: 'nothing_to_do', summary: 'Nothing to change' };
    }
    const summary = `${proposal.title} (${changed} files)`;
    if (ctx.phase === 'prepare') {
      return {
        outcome:
          ctx.approvalPolicy === 'dry-run' ? 'done' : 'awaiting_approval',
        diff,
        summary,
      };
    }
    // The lease may have been lost while the change was built: publish only
    // while the task is still this worker's.
    ctx.signal.throwIfAborted();
    const published = await options.publisher.publish({
      repository: repositoryUrl,
      branch: proposal.branch ?? taskBranch(task),
      commitMessage: proposal.commitMessage,
      title: proposal.title,
      body: proposal.body,
      files,
    });
    if (!published.pullRequest) {
      return {
        outcome: 'nothing_to_do',
        summary: 'Already on the base branch',
      };
    }
    return {
      outcome: 'done',
      linkedPr: published.pullRequest,
      diff,
      summary,
    };
  } finally {
    await checkout.close();
  }
}
