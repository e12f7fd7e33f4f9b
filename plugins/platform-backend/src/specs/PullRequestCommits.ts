import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { GithubBudget, githubOctokit } from '@catalyst/plugin-platform-node';

/** Reads the commit messages of a pull request. */
export interface PullRequestCommits {
  listMessages(pr: {
    htmlUrl: string;
    number: number;
    owner: string;
    repo: string;
  }): Promise<string[]>;
}

/**
 * Reads pull request commits from the GitHub API named by Backstage's GitHub
 * integration for the pull request's host, with its credentials.
 */
export class GithubPullRequestCommits implements PullRequestCommits {
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    credentialsProvider?: GithubCredentialsProvider,
    private readonly budget?: GithubBudget,
  ) {
    this.credentials =
      credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  async listMessages(pr: {
    htmlUrl: string;
    number: number;
    owner: string;
    repo: string;
  }): Promise<string[]> {
    const integration = this.integrations.github.byUrl(pr.htmlUrl);
    if (!integration) {
      throw new Error(`No GitHub integration configured for ${pr.htmlUrl}`);
    }
    const { token } = await this.credentials.getCredentials({
      url: pr.htmlUrl,
    });
    const octokit = githubOctokit({
      baseUrl: integration.config.apiBaseUrl,
      token,
      budget: this.budget,
      feature: 'webhooks',
    });
    // GitHub lists at most 250 commits of a pull request.
    const messages: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const { data } = await octokit.rest.pulls.listCommits({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
        per_page: 100,
        page,
      });
      messages.push(...data.map(commit => commit.commit.message));
      if (data.length < 100) break;
    }
    return messages;
  }
}
