import type { PlatformFeatureDeps } from '../features';
import { GithubWebhookDispatcher } from './GithubWebhookDispatcher';
import { GithubWebhookHandler } from './types';
import { createWebhookRouter } from './webhookRouter';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

/** GitHub webhooks: `POST /webhooks/github`, dispatched to the features' handlers. */
export function createWebhooksFeature(
  deps: PlatformFeatureDeps,
  handlers: GithubWebhookHandler[],
) {
  const dispatcher = new GithubWebhookDispatcher({
    deliveries: new WebhookDeliveryStore(deps.db),
    handlers,
    logger: deps.logger,
  });
  return {
    router: createWebhookRouter({
      dispatcher,
      webhookSecret: deps.config.github.webhookSecret,
    }),
  };
}
