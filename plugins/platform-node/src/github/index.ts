export * from './GithubApiError';
export * from './GithubPullRequestPublisher';
export * from './parseGithubRepository';
export * from './types';
