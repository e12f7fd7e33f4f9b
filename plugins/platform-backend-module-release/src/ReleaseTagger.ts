import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  GithubBudget,
  GithubNotFoundError,
} from '@catalyst/plugin-platform-node';
import { connectRepository } from './connectRepository';
import { readReleasePullRequest } from './releasePullRequest';

/**
 * A release the tagger published.
 *
 * @public
 */
export interface PublishedRelease {
  repository: string;
  tag: string;
  pullRequest: number;
  url: string;
}

const PAGE = 100;

/**
 * Turns merged release pull requests into releases: the tag at the merge
 * commit and a GitHub release whose notes are the pull request's changelog
 * section. A release whose tag already has one is left as it is, so running
 * it again publishes nothing twice.
 *
 * @public
 */
export class ReleaseTagger {
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentialsProvider?: GithubCredentialsProvider;
      /** The platform's GitHub budget; the tagger's requests count as `release`. */
      budget?: GithubBudget;
    },
  ) {
    this.credentials =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  }

  /** Publishes the releases of the repository's recently merged release pull requests. */
  async publishMerged(repositoryUrl: string): Promise<PublishedRelease[]> {
    const { octokit, owner, repo, call } = await connectRepository(
      this.options.integrations,
      this.credentials,
      repositoryUrl,
      this.options.budget,
    );
    const repository = `${owner}/${repo}`;
    const exists = async (
      operation: string,
      request: () => Promise<{ data: unknown }>,
    ) => {
      try {
        await call(operation, request);
        return true;
      } catch (error) {
        if (error instanceof GithubNotFoundError) return false;
        throw error;
      }
    };

    const pulls = await call('pulls.list', () =>
      octokit.rest.pulls.list({
        owner,
        repo,
        state: 'closed',
        sort: 'updated',
        direction: 'desc',
        per_page: PAGE,
      }),
    );
    const published: PublishedRelease[] = [];
    for (const pull of pulls) {
      if (
        !pull.merged_at ||
        !pull.merge_commit_sha ||
        !pull.head.ref.startsWith('chore/release-')
      ) {
        continue;
      }
      const release = readReleasePullRequest(pull.body);
      if (!release) continue;
      const released = await exists('repos.getReleaseByTag', () =>
        octokit.rest.repos.getReleaseByTag({ owner, repo, tag: release.tag }),
      );
      if (released) continue;
      const tagged = await exists('git.getRef', () =>
        octokit.rest.git.getRef({ owner, repo, ref: `tags/${release.tag}` }),
      );
      if (!tagged) {
        await call('git.createRef', () =>
          octokit.rest.git.createRef({
            owner,
            repo,
            ref: `refs/tags/${release.tag}`,
            sha: pull.merge_commit_sha!,
          }),
        );
      }
      const created = await call('repos.createRelease', () =>
        octokit.rest.repos.createRelease({
          owner,
          repo,
          tag_name: release.tag,
          target_commitish: pull.merge_commit_sha!,
          name: `${release.name} ${release.version}`,
          body: release.notes,
        }),
      );
      published.push({
        repository,
        tag: release.tag,
        pullRequest: pull.number,
        url: created.html_url,
      });
    }
    return published;
  }
}
