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
import { GithubPullRequestPublisher } from './GithubPullRequestPublisher';

/**
 * GitHub for the platform backend and its modules: the integrations, one
 * credentials provider (GitHub App tokens are fetched and cached once) and
 * the pull request publisher built on it.
 *
 * @public
 */
export interface PlatformGithubService {
  integrations: ScmIntegrationRegistry;
  credentialsProvider: GithubCredentialsProvider;
  publisher: GithubPullRequestPublisher;
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
        deps: { config: coreServices.rootConfig },
        factory({ config }) {
          const integrations = ScmIntegrations.fromConfig(config);
          const credentialsProvider =
            DefaultGithubCredentialsProvider.fromIntegrations(integrations);
          return {
            integrations,
            credentialsProvider,
            publisher: new GithubPullRequestPublisher({
              integrations,
              credentialsProvider,
            }),
          };
        },
      }),
  },
);
