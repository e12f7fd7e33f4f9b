import type { PlatformFeatureDeps } from '../features';
import { GithubWebhookDispatcher } from './GithubWebhookDispatcher';
import { GithubWebhookHandler } from './types';
import { createWebhookRouter } from './webhookRouter';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

/**
 * GitHub webhooks: `POST /webhooks/github`, dispatched to the features'
 * handlers, and a daily job that prunes the delivery ids past their
 * retention.
 */
export async function createWebhooksFeature(
  deps: PlatformFeatureDeps,
  handlers: GithubWebhookHandler[],
) {
  const deliveries = new WebhookDeliveryStore(deps.db);
  const { retentionDays, claimTimeoutSeconds } = deps.config.github.deliveries;
  const dispatcher = new GithubWebhookDispatcher({
    deliveries,
    handlers,
    logger: deps.logger,
    claimTimeoutMs: claimTimeoutSeconds * 1000,
  });
  await deps.scheduler.scheduleTask({
    id: 'platform-webhook-deliveries-prune',
    frequency: { hours: 24 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const removed = await deliveries.prune(
        new Date(Date.now() - retentionDays * 24 * 3600_000),
      );
      deps.logger.info(
        `Pruned ${removed} GitHub webhook deliveries older than ${retentionDays} days`,
      );
    },
  });
  return {
    router: createWebhookRouter({
      dispatcher,
      webhookSecret: deps.config.github.webhookSecret,
    }),
  };
}
