import {
  AuthenticationError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { GithubWebhookDispatcher } from './GithubWebhookDispatcher';
import { verifyGithubSignature } from './verifySignature';

/**
 * `POST /webhooks/github`: verifies the signature on the raw body, then
 * hands the delivery to the dispatcher.
 */
export function createWebhookRouter(options: {
  dispatcher: GithubWebhookDispatcher;
  webhookSecret?: string;
}): express.Router {
  const { dispatcher, webhookSecret } = options;
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
      res.json(await dispatcher.receive({ deliveryId, event, payload }));
    },
  );

  return router;
}
