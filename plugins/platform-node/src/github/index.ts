export { githubConnector } from './connectGithub';
export type { GithubClientOptions, GithubConnection } from './connectGithub';
export * from './GithubAdvisoryClient';
export * from './GithubApiError';
export { GithubBudget } from './GithubBudget';
export type {
  GithubBudgetOptions,
  GithubBudgetSnapshot,
  GithubFeatureUsage,
  GithubResponseInfo,
} from './GithubBudget';
export { githubOctokit } from './githubOctokit';
export { githubBudgetServiceRef } from './githubBudgetServiceRef';
export * from './GithubIssueReporter';
export * from './GithubPullRequestMerger';
export * from './GithubPullRequestPublisher';
export * from './parseGithubRepository';
export * from './types';
export * from './platformGithubServiceRef';
