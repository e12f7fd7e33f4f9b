import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { GithubBudget } from './GithubBudget';

/**
 * The one GitHub budget of the backend, shared by every plugin and module
 * that calls GitHub (the platform, the catalog's spec module), since they
 * spend the same token's rate limit.
 *
 * @public
 */
export const githubBudgetServiceRef = createServiceRef<GithubBudget>({
  id: 'catalyst.github.budget',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => new GithubBudget(),
    }),
});
