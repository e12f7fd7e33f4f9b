import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  GithubWebhookHandler,
  WebhookRepository,
  WebhookResult,
} from './types';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

/**
 * Owns the bookkeeping of GitHub deliveries and hands each new one to the
 * features in order: the first handler that takes it answers. A delivery is
 * recorded as processed only after its handling succeeded: a replayed
 * delivery id is dropped, a delivery whose handling failed is forgotten, and
 * one whose process died mid-handling is taken over by a redelivery once its
 * claim is older than `claimTimeoutMs`, so GitHub's redelivery is processed
 * rather than dropped as a replay.
 */
export class GithubWebhookDispatcher {
  constructor(
    private readonly options: {
      deliveries: WebhookDeliveryStore;
      handlers: GithubWebhookHandler[];
      logger: LoggerService;
      /** How long a delivery being handled holds off its redeliveries. */
      claimTimeoutMs: number;
      now?: () => Date;
    },
  ) {}

  async receive(delivery: {
    deliveryId: string;
    event: string;
    payload: unknown;
  }): Promise<WebhookResult> {
    const { deliveryId, event, payload } = delivery;
    const { deliveries, logger } = this.options;
    const claim = await deliveries.claim(deliveryId, event, {
      now: this.options.now?.() ?? new Date(),
      staleAfterMs: this.options.claimTimeoutMs,
    });
    if (claim === 'processed') {
      return {
        event,
        status: 'ignored',
        reason: `delivery ${deliveryId} was already processed`,
      };
    }
    if (claim === 'in-progress') {
      // GitHub records the delivery as failed, so it can be redelivered.
      throw new ConflictError(
        `delivery ${deliveryId} is being processed by another request`,
      );
    }
    try {
      const result = await this.dispatch(event, payload);
      await deliveries.markProcessed(deliveryId);
      return result;
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
