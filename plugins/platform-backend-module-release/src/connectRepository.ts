import { InputError } from '@backstage/errors';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  classifyGithubError,
  GithubBudget,
  githubOctokit,
  parseGithubRepository,
} from '@catalyst/plugin-platform-node';
import type { Octokit } from '@octokit/rest';

/** A GitHub repository's API client whose failures are the platform's typed GitHub errors. */
export interface RepositoryConnection {
  octokit: Octokit;
  owner: string;
  repo: string;
  call<T>(operation: string, request: () => Promise<{ data: T }>): Promise<T>;
}

/**
 * Connects to a repository through its host's configured GitHub integration
 * and credentials; with `budget`, every request goes through the platform's
 * GitHub budget as the `release` feature.
 */
export async function connectRepository(
  integrations: ScmIntegrationRegistry,
  credentials: GithubCredentialsProvider,
  repositoryUrl: string,
  budget?: GithubBudget,
): Promise<RepositoryConnection> {
  const target = parseGithubRepository(repositoryUrl);
  const integration = integrations.github.byUrl(target.url);
  if (!integration) {
    throw new InputError(
      `No GitHub integration is configured for ${target.host}`,
    );
  }
  const { token } = await credentials.getCredentials({ url: target.url });
  const octokit = githubOctokit({
    baseUrl: integration.config.apiBaseUrl,
    token,
    budget,
    feature: 'release',
  });
  const { owner, repo } = target;
  return {
    octokit,
    owner,
    repo,
    async call(operation, request) {
      try {
        return (await request()).data;
      } catch (error) {
        throw classifyGithubError(error, {
          operation,
          repository: `${owner}/${repo}`,
        });
      }
    },
  };
}
