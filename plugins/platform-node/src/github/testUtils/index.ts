/**
 * Test utilities of the Catalyst platform node library: a GitHub simulator
 * for tests that open pull requests or clone repositories.
 *
 * @packageDocumentation
 */

export { GithubSimulator } from './GithubSimulator';
export type { InjectedFailure, SimulatedRequest } from './GithubSimulator';
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
  StoredIssue,
  StoredPullRequest,
  StoredRelease,
} from './githubSchemas';
