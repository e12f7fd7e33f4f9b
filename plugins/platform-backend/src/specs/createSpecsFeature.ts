import {
  readLocalSpecRoots,
  SpecSourceReader,
} from '@catalyst/plugin-platform-node';
import type { PlatformFeatureDeps } from '../features';
import { GithubPullRequestCommits } from './PullRequestCommits';
import { SpecIndexer } from './SpecIndexer';
import { createSpecsRouter } from './specsRouter';
import { SpecStore } from './SpecStore';
import { SpecWebhookHandler } from './SpecWebhookHandler';

/**
 * Specs: indexes every component's spec folders on a schedule, serves them,
 * and completes spec tasks from merged pull requests (its webhook handler).
 */
export async function createSpecsFeature(deps: PlatformFeatureDeps) {
  const store = new SpecStore(deps.db);
  const reader = new SpecSourceReader(deps.urlReader, deps.integrations, {
    localRoots: readLocalSpecRoots(deps.rootConfig),
    credentialsProvider: deps.credentialsProvider,
    budget: deps.budget,
    feature: 'specs',
  });
  const indexer = new SpecIndexer({
    store,
    reader,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
    concurrency: deps.config.specs.concurrency,
  });
  await deps.scheduler.scheduleTask({
    id: 'platform-spec-index',
    frequency: { minutes: deps.config.specs.refreshIntervalMinutes },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 15 },
    fn: async abortSignal => {
      await indexer.syncAll(abortSignal);
    },
  });
  return {
    store,
    reader,
    router: createSpecsRouter({
      store,
      indexer,
      reader,
      catalog: deps.catalog,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
    webhookHandler: new SpecWebhookHandler({
      store,
      indexer,
      commits: new GithubPullRequestCommits(
        deps.integrations,
        deps.credentialsProvider,
        deps.budget,
      ),
      logger: deps.logger,
    }),
  };
}
