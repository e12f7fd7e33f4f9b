import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { GithubBudget } from './GithubBudget';
import { githubBudgetServiceRef } from './githubBudgetServiceRef';
import { GithubPullRequestPublisher } from './GithubPullRequestPublisher';

/**
 * GitHub for the platform backend and its modules: the integrations, one
 * credentials provider (GitHub App tokens are fetched and cached once) and
 * the pull request publisher built on it, and the budget every GitHub client
 * of the platform sends through.
 *
 * @public
 */
export interface PlatformGithubService {
  integrations: ScmIntegrationRegistry;
  credentialsProvider: GithubCredentialsProvider;
  publisher: GithubPullRequestPublisher;
  /** Pass it (with a feature name) to every GitHub client: `{ budget, feature: 'tasks' }`. */
  budget: GithubBudget;
}

/**
 * The platform's GitHub service, read from `integrations.github`.
 *
 * @public
 */
export const platformGithubServiceRef = createServiceRef<PlatformGithubService>(
  {
    id: 'catalyst.platform.github',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          budget: githubBudgetServiceRef,
        },
        factory({ config, budget }) {
          const integrations = ScmIntegrations.fromConfig(config);
          const credentialsProvider =
            DefaultGithubCredentialsProvider.fromIntegrations(integrations);
          return {
            integrations,
            credentialsProvider,
            budget,
            publisher: new GithubPullRequestPublisher({
              integrations,
              credentialsProvider,
              budget,
              feature: 'tasks',
            }),
          };
        },
      }),
  },
);
