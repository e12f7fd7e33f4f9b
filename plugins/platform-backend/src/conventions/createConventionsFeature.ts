import { ConventionPack } from '@catalyst/plugin-platform-node';
import type { PlatformFeatureDeps } from '../features';
import { findComponentOfRepository } from '../catalog/findComponentOfRepository';
import { ComponentConventionRules } from './ComponentConventionRules';
import { createConventionFixExecutor } from './conventionFixExecutor';
import { ConventionDriftScanner } from './ConventionDriftScanner';
import { createConventionsRouter } from './conventionsRouter';
import { ConventionsService } from './ConventionsService';
import { ConventionStatusStore } from './ConventionStatusStore';
import { ConventionStore } from './ConventionStore';
import { GithubPullRequestChecksClient } from './PullRequestChecksClient';
import { PullRequestConventionChecker } from './PullRequestConventionChecker';
import { PullRequestConventionWebhookHandler } from './PullRequestConventionWebhookHandler';

/**
 * Conventions: rule rows seeded from the packs, drift reports and fixes, the
 * convention_fix executor (it shares its pull request with the fix route),
 * the drift scanner and the pull request checks run from webhooks.
 */
export async function createConventionsFeature(
  deps: PlatformFeatureDeps,
  packs: () => ConventionPack[],
) {
  const store = new ConventionStore(deps.db);
  await store.seedRules(packs(), new Date());
  const status = new ConventionStatusStore(deps.db);
  const service = new ConventionsService({
    packs,
    store,
    status,
    checkouts: deps.checkouts,
    publisher: deps.publisher,
    integrations: deps.integrations,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
  });
  const checker = new PullRequestConventionChecker({
    // A repository's component (by github.com/project-slug) brings its own rule rows.
    packs: async repository =>
      service.packsFor(await findComponentOfRepository(deps, repository)),
    client: new GithubPullRequestChecksClient(
      deps.integrations,
      deps.credentialsProvider,
      deps.budget,
    ),
    store,
    logger: deps.logger,
  });
  return {
    service,
    router: createConventionsRouter({
      service,
      store,
      status,
      componentRules: new ComponentConventionRules({
        packs,
        service,
        store,
        status,
        catalog: deps.catalog,
        auth: deps.auth,
      }),
      catalog: deps.catalog,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
    webhookHandler: new PullRequestConventionWebhookHandler(checker),
    executors: [createConventionFixExecutor(service)],
    scanners: [
      new ConventionDriftScanner(
        {
          frequency: { minutes: deps.config.conventions.scanIntervalMinutes },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 3 },
        },
        {
          service,
          catalog: deps.catalog,
          auth: deps.auth,
          integrations: deps.integrations,
          logger: deps.logger,
          intervalMinutes: deps.config.conventions.scanIntervalMinutes,
        },
      ),
    ],
  };
}
