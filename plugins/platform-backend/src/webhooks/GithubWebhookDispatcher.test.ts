import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { Knex } from 'knex';
import { migratedDatabase } from '../__testUtils__/database';
import { GithubWebhookDispatcher } from './GithubWebhookDispatcher';
import { GithubWebhookHandler } from './types';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

const databases = createTestDatabases();
const T0 = new Date('2026-03-01T10:00:00Z');
const CLAIM_TIMEOUT_MS = 120_000;

const push = {
  deliveryId: 'delivery-1',
  event: 'push',
  payload: {
    ref: 'refs/heads/main',
    repository: {
      full_name: 'acme/payments',
      default_branch: 'main',
      name: 'payments',
      owner: { login: 'acme' },
    },
  },
};

/** One backend process's dispatcher on the shared database, at time `now`. */
function dispatcherOf(db: Knex, handler: GithubWebhookHandler, now: Date) {
  return new GithubWebhookDispatcher({
    deliveries: new WebhookDeliveryStore(db),
    handlers: [handler],
    logger: mockServices.logger.mock(),
    claimTimeoutMs: CLAIM_TIMEOUT_MS,
    now: () => now,
  });
}

describe.each(databases.eachSupportedId())(
  'GithubWebhookDispatcher on %p',
  databaseId => {
    const migrated = () => migratedDatabase(databases, databaseId);

    it('handles a redelivery of a delivery whose process died mid-handling, once', async () => {
      const db = await migrated();
      // The first process takes the delivery and dies inside its handler.
      const dying = dispatcherOf(
        db,
        { handle: () => new Promise(() => {}) },
        T0,
      );
      void dying.receive(push);
      await new Promise(resolve => setImmediate(resolve));
      await waitForRow(db, push.deliveryId);

      const handled: string[] = [];
      const handler: GithubWebhookHandler = {
        handle: async event => {
          handled.push(event);
          return { event, status: 'processed' };
        },
      };
      // While the claim is fresh a redelivery is refused, not dropped.
      await expect(
        dispatcherOf(db, handler, new Date(T0.getTime() + 1000)).receive(push),
      ).rejects.toThrow(ConflictError);

      const later = new Date(T0.getTime() + CLAIM_TIMEOUT_MS + 1000);
      const survivor = dispatcherOf(db, handler, later);
      expect(await survivor.receive(push)).toEqual({
        event: 'push',
        status: 'processed',
      });
      expect(await survivor.receive(push)).toMatchObject({
        status: 'ignored',
        reason: 'delivery delivery-1 was already processed',
      });
      expect(handled).toEqual(['push']);
    });

    it('handles a redelivery of a delivery whose handler failed', async () => {
      const db = await migrated();
      let calls = 0;
      const dispatcher = dispatcherOf(
        db,
        {
          handle: async event => {
            calls += 1;
            if (calls === 1) throw new Error('database went away');
            return { event, status: 'processed' };
          },
        },
        T0,
      );
      await expect(dispatcher.receive(push)).rejects.toThrow(
        'database went away',
      );
      expect(await dispatcher.receive(push)).toMatchObject({
        status: 'processed',
      });
      expect(calls).toBe(2);
    });
  },
);

async function waitForRow(db: Knex, deliveryId: string) {
  for (;;) {
    const row = await db('github_webhook_deliveries')
      .where({ delivery_id: deliveryId })
      .first();
    if (row) return;
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
