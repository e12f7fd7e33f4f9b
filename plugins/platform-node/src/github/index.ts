export type { GithubClientOptions } from './connectGithub';
export * from './GithubAdvisoryClient';
export * from './GithubApiError';
export * from './GithubIssueReporter';
export * from './GithubPullRequestMerger';
export * from './GithubPullRequestPublisher';
export * from './parseGithubRepository';
export * from './types';
export * from './platformGithubServiceRef';
