import {
  AuthenticationError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { timingSafeEqual, createHash } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';
import { alertmanagerWebhookPayload } from '../alerts/alertmanagerWebhookPayload';
import { AlertIntake } from '../alerts/AlertIntake';
import { parseInput } from '@catalyst/backend-common';

// Hashing first makes the comparison constant-time whatever the lengths.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * `POST /webhooks/alertmanager`: Alertmanager's webhook receiver. Not behind Backstage
 * auth; it authenticates with `Authorization: Bearer <observability.alertmanager.webhookSecret>`.
 */
export function createWebhookRouter(options: {
  intake: AlertIntake;
  secret?: string;
}): express.Router {
  const { intake, secret } = options;
  const router = Router();

  router.post(
    '/webhooks/alertmanager',
    express.json({ limit: '10mb' }),
    async (req, res) => {
      if (!secret) {
        throw new ServiceUnavailableError(
          'The Alertmanager webhook is not configured: set observability.alertmanager.webhookSecret',
        );
      }
      const header = req.header('authorization') ?? '';
      const match = /^Bearer (.+)$/i.exec(header);
      if (!match || !sameSecret(match[1], secret)) {
        throw new AuthenticationError(
          'Missing or wrong bearer token for the Alertmanager webhook',
        );
      }
      const payload = parseInput(
        alertmanagerWebhookPayload,
        req.body,
        'Alertmanager webhook body',
      );
      res.json(await intake.receive(payload));
    },
  );

  return router;
}
