import { InputError } from '@backstage/errors';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  classifyGithubError,
  parseGithubRepository,
} from '@catalyst/plugin-platform-node';
import { Octokit } from '@octokit/rest';

/** A GitHub repository's API client whose failures are the platform's typed GitHub errors. */
export interface RepositoryConnection {
  octokit: Octokit;
  owner: string;
  repo: string;
  call<T>(operation: string, request: () => Promise<{ data: T }>): Promise<T>;
}

/** Connects to a repository through its host's configured GitHub integration and credentials. */
export async function connectRepository(
  integrations: ScmIntegrationRegistry,
  credentials: GithubCredentialsProvider,
  repositoryUrl: string,
): Promise<RepositoryConnection> {
  const target = parseGithubRepository(repositoryUrl);
  const integration = integrations.github.byUrl(target.url);
  if (!integration) {
    throw new InputError(
      `No GitHub integration is configured for ${target.host}`,
    );
  }
  const { token } = await credentials.getCredentials({ url: target.url });
  const octokit = new Octokit({
    baseUrl: integration.config.apiBaseUrl,
    auth: token,
    userAgent: 'catalyst-platform',
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
