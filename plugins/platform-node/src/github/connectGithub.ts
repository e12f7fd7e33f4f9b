import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { classifyGithubError, GithubAuthError } from './GithubApiError';
import { GithubBudget } from './GithubBudget';
import { githubOctokit } from './githubOctokit';
import { GithubRepositoryRef } from './parseGithubRepository';

/**
 * A GitHub API client whose failures are the typed errors of `classifyGithubError`.
 *
 * @public
 */
export interface GithubConnection {
  call<T>(
    operation: string,
    request: (client: Octokit) => Promise<{ data: T }>,
  ): Promise<T>;
}

/** A client for the repository's host, with the integration's API URL and credentials. */
export async function connectGithub(
  integrations: ScmIntegrationRegistry,
  credentials: GithubCredentialsProvider,
  target: GithubRepositoryRef,
  budget?: { budget?: GithubBudget; feature?: string },
): Promise<GithubConnection> {
  const integration = integrations.github.byUrl(target.url);
  if (!integration) {
    throw new InputError(
      `No GitHub integration is configured for ${target.host} (integrations.github)`,
    );
  }
  const repository = `${target.owner}/${target.repo}`;
  const { token } = await credentials.getCredentials({ url: target.url });
  if (!token) {
    throw new GithubAuthError(
      `No GitHub credentials for ${target.url}; configure a token or a GitHub App under integrations.github`,
      { operation: 'getCredentials', repository, reason: 'unauthorized' },
    );
  }
  const octokit = githubOctokit({
    baseUrl: integration.config.apiBaseUrl,
    token,
    budget: budget?.budget,
    feature: budget?.feature ?? 'other',
  });
  return {
    async call<T>(
      operation: string,
      request: (client: Octokit) => Promise<{ data: T }>,
    ): Promise<T> {
      try {
        return (await request(octokit)).data;
      } catch (error) {
        throw classifyGithubError(error, { operation, repository });
      }
    },
  };
}

/**
 * What Catalyst's GitHub clients are built from: Backstage's integrations
 * (hosts, API URLs) and where credentials come from, by default the
 * integrations' tokens or GitHub Apps.
 *
 * @public
 */
export interface GithubClientOptions {
  integrations: ScmIntegrationRegistry;
  credentialsProvider?: GithubCredentialsProvider;
  /** Records, paces and retries the client's requests (see {@link GithubBudget}). */
  budget?: GithubBudget;
  /** What the requests are for in the budget (`tasks`, `webhooks`, ...). Default `other`. */
  feature?: string;
}

/**
 * Connects to the host of a repository with the options' credentials.
 *
 * @public
 */
export function githubConnector(
  options: GithubClientOptions,
): (target: GithubRepositoryRef) => Promise<GithubConnection> {
  const credentials =
    options.credentialsProvider ??
    DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  return target =>
    connectGithub(options.integrations, credentials, target, options);
}
