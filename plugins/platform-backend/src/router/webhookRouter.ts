import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { SpecStore } from '../database/SpecStore';
import { GithubWebhookHandler } from '../services/github/GithubWebhookHandler';
import { verifyGithubSignature } from '../services/github/verifySignature';

/**
 * `POST /webhooks/github`: verifies the signature on the raw body, drops
 * replays by delivery id, then hands the event to the handler.
 */
export function createWebhookRouter(options: {
  store: SpecStore;
  handler: GithubWebhookHandler;
  webhookSecret?: string;
  logger: LoggerService;
}): express.Router {
  const { store, handler, webhookSecret, logger } = options;
  const router = Router();

  router.post(
    '/webhooks/github',
    express.raw({ type: () => true, limit: '25mb' }),
    async (req, res) => {
      if (!webhookSecret) {
        throw new ServiceUnavailableError(
          'GitHub webhooks are not configured: set platform.github.webhookSecret',
        );
      }
      const body: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      if (
        !verifyGithubSignature(
          webhookSecret,
          body,
          req.header('x-hub-signature-256'),
        )
      ) {
        throw new AuthenticationError('Missing or invalid X-Hub-Signature-256');
      }
      const event = req.header('x-github-event');
      const deliveryId = req.header('x-github-delivery');
      if (!event || !deliveryId) {
        throw new InputError(
          'X-GitHub-Event and X-GitHub-Delivery headers are required',
        );
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch (error) {
        throw new InputError(
          `Webhook body is not JSON: ${(error as Error).message}`,
        );
      }
      if (!(await store.recordDelivery(deliveryId, event))) {
        res.json({
          event,
          status: 'ignored',
          reason: `delivery ${deliveryId} was already processed`,
        });
        return;
      }
      try {
        res.json(await handler.handle(event, payload));
      } catch (error) {
        // Forget the delivery so that GitHub's redelivery is processed, not dropped as a replay.
        await store.forgetDelivery(deliveryId);
        logger.warn(`GitHub ${event} delivery ${deliveryId} failed: ${error}`);
        throw error;
      }
    },
  );

  return router;
}
