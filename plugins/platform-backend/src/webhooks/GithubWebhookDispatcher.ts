import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GithubWebhookHandler,
  WebhookRepository,
  WebhookResult,
} from './types';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

/**
 * Owns the bookkeeping of GitHub deliveries and hands each new one to the
 * features in order: the first handler that takes it answers. A replayed
 * delivery id is dropped; a delivery whose handling failed is forgotten, so
 * GitHub's redelivery is processed rather than dropped as a replay.
 */
export class GithubWebhookDispatcher {
  constructor(
    private readonly options: {
      deliveries: WebhookDeliveryStore;
      handlers: GithubWebhookHandler[];
      logger: LoggerService;
    },
  ) {}

  async receive(delivery: {
    deliveryId: string;
    event: string;
    payload: unknown;
  }): Promise<WebhookResult> {
    const { deliveryId, event, payload } = delivery;
    const { deliveries, logger } = this.options;
    if (!(await deliveries.recordDelivery(deliveryId, event))) {
      return {
        event,
        status: 'ignored',
        reason: `delivery ${deliveryId} was already processed`,
      };
    }
    try {
      return await this.dispatch(event, payload);
    } catch (error) {
      await deliveries.forgetDelivery(deliveryId);
      logger.warn(`GitHub ${event} delivery ${deliveryId} failed: ${error}`);
      throw error;
    }
  }

  async dispatch(event: string, payload: any): Promise<WebhookResult> {
    if (event === 'ping') {
      return { event, status: 'processed', reason: 'pong' };
    }
    if (event !== 'push' && event !== 'pull_request') {
      return {
        event,
        status: 'ignored',
        reason: `event '${event}' is not used`,
      };
    }
    const repository = requireRepository(payload);
    if (
      event === 'pull_request' &&
      typeof payload.pull_request?.number !== 'number'
    ) {
      throw new InputError('pull_request payload has no pull_request.number');
    }
    for (const handler of this.options.handlers) {
      const result = await handler.handle(event, repository, payload);
      if (result) return result;
    }
    return {
      event,
      status: 'ignored',
      reason: `no feature handles this ${event} delivery`,
    };
  }
}

function requireRepository(payload: any): WebhookRepository {
  const repository = payload?.repository;
  if (!repository || typeof repository.full_name !== 'string') {
    throw new InputError('payload has no repository.full_name');
  }
  return repository;
}
