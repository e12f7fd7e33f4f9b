/**
 * A GitHub simulator for tests and benchmarks that open pull requests or clone
 * repositories: GitHub's REST API and git over HTTP, served on 127.0.0.1 from
 * real bare repositories. Dev-only: depend on it as a devDependency.
 *
 * @packageDocumentation
 */

export { GithubSimulator } from './GithubSimulator';
export type {
  InjectedFailure,
  SimulatedPrimaryRateLimit,
  SimulatedRequest,
  SimulatedSecondaryRateLimit,
} from './GithubSimulator';
export type { SimulatedAdvisory } from './globalAdvisories';
export { BareRepository } from './BareRepository';
export type {
  GitCommitObject,
  GitTreeChange,
  GitTreeEntry,
} from './BareRepository';
export type {
  CheckRunAnnotation,
  CheckRunConclusion,
  SimulatedUrls,
  StoredCheckRun,
  StoredComment,
  StoredDeployment,
  StoredIssue,
  StoredPullRequest,
  StoredRelease,
} from './githubSchemas';
