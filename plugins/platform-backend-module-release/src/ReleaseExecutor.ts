import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  CheckoutService,
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
  PullRequestFileChange,
} from '@catalyst/plugin-platform-node';
import {
  fileReaderAt,
  GitRepository,
  planRelease,
  prependChangelogSection,
  versionFileEdits,
} from '@catalyst/release';
import { InputError } from '@backstage/errors';
import { detectReleaseAutomation } from './detectReleaseAutomation';
import {
  releaseBranch,
  releasePullRequestBody,
  releaseTitle,
} from './releasePullRequest';

/** The repository URL of a task: `payload.repositoryUrl`, else `https://github.com/<repository>`. */
export function releaseRepositoryUrl(task: PlatformTask): string {
  const url = task.payload.repositoryUrl;
  if (typeof url === 'string' && url) return url.replace(/\/$/, '');
  if (!task.repository) {
    throw new InputError(`Task ${task.id} names no repository`);
  }
  return `https://github.com/${task.repository}`;
}

/**
 * `release`: plans the next release of a repository (or of one workspace
 * package, `payload.package`) from its history and opens ONE release pull
 * request for it, `chore(release): <name> <version>` on `chore/release-<name>`,
 * with the version files and CHANGELOG.md; a later run updates that pull
 * request. A repository that releases with its own tool in CI is left alone
 * unless it is opted in.
 *
 * @public
 */
export class ReleaseExecutor implements PlatformTaskExecutor {
  readonly taskType = 'release';

  constructor(
    private readonly deps: {
      checkouts: Pick<CheckoutService, 'clone'>;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      /** Lower-case `owner/name` opted in despite their own release tool. */
      optIn: Set<string>;
    },
  ) {}

  async execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    const repositoryUrl = releaseRepositoryUrl(task);
    const wanted = task.payload.package;
    if (
      wanted !== undefined &&
      (typeof wanted !== 'string' || wanted.length > 214)
    ) {
      throw new InputError('payload.package must be a package name or folder');
    }
    const checkout = await this.deps.checkouts.clone({
      repositoryUrl,
      depth: 'full',
    });
    try {
      const repo = new GitRepository(checkout.dir);
      const fullName = repositoryUrl.split('/').slice(-2).join('/');
      const automation = await detectReleaseAutomation(repo);
      if (automation && !this.deps.optIn.has(fullName.toLowerCase())) {
        return {
          outcome: 'nothing_to_do',
          summary: `Skipped: ${fullName} already releases with ${automation.tool} (${automation.file}); an admin can opt it in with platform.release.optIn`,
        };
      }
      const plan = await planRelease({ dir: checkout.dir, package: wanted });
      ctx.signal.throwIfAborted();
      if (plan.bump === 'none' || plan.nextVersion === plan.previousVersion) {
        return {
          outcome: 'nothing_to_do',
          summary: `No releasable commits since ${
            plan.previousTag ?? 'the first commit'
          }`,
        };
      }
      const name =
        plan.package.path === '.' &&
        plan.package.ecosystem !== 'npm' &&
        plan.package.ecosystem !== 'cargo'
          ? fullName.split('/')[1]
          : plan.package.name;
      const read = fileReaderAt(repo, 'HEAD');
      const listFiles = async (dir: string) =>
        (await repo.git(['ls-files', '--', dir === '.' ? '.' : dir]))
          .split('\n')
          .filter(f => /(?:version\.rb|\.gemspec)$/.test(f))
          .slice(0, 50);
      const files: Record<string, PullRequestFileChange> = {};
      for (const edit of await versionFileEdits(
        read,
        plan.package,
        plan.nextVersion,
        listFiles,
      )) {
        files[edit.path] = { content: edit.content };
      }
      files[plan.changelogPath] = {
        content: prependChangelogSection(
          await read(plan.changelogPath),
          plan.markdown,
        ),
      };
      const title = releaseTitle(name, plan.nextVersion);
      const summary = `${title}: ${plan.reason}`;
      if (ctx.phase === 'prepare') {
        return {
          outcome:
            ctx.approvalPolicy === 'dry-run' ? 'done' : 'awaiting_approval',
          diff: plan.markdown,
          summary,
        };
      }
      const published = await this.deps.publisher.publish({
        repository: repositoryUrl,
        branch: releaseBranch(name),
        commitMessage: title,
        title,
        body: releasePullRequestBody(plan, name),
        files,
      });
      if (!published.pullRequest) {
        return {
          outcome: 'nothing_to_do',
          summary: 'Already released on the base branch',
        };
      }
      return {
        outcome: 'done',
        linkedPr: published.pullRequest,
        diff: plan.markdown,
        summary,
      };
    } finally {
      await checkout.close();
    }
  }
}
