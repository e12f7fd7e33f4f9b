import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { migratedDatabase } from '../__testUtils__/database';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

const databases = createTestDatabases();
const T0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(databases.eachSupportedId())(
  'WebhookDeliveryStore on %p',
  databaseId => {
    async function createStore() {
      return new WebhookDeliveryStore(
        await migratedDatabase(databases, databaseId),
      );
    }

    it('claims a delivery once and drops it as a replay once processed', async () => {
      const store = await createStore();
      const options = { now: T0, staleAfterMs: 60_000 };
      expect(await store.claim('d-1', 'push', options)).toBe('claimed');
      expect(await store.claim('d-1', 'push', options)).toBe('in-progress');
      await store.markProcessed('d-1');
      expect(await store.claim('d-1', 'push', options)).toBe('processed');
      await store.forgetDelivery('d-1');
      expect(await store.claim('d-1', 'push', options)).toBe('claimed');
    });

    it('lets one of two late redeliveries take over a stale claim', async () => {
      const store = await createStore();
      expect(
        await store.claim('d-1', 'push', { now: T0, staleAfterMs: 60_000 }),
      ).toBe('claimed');
      const late = { now: at(61), staleAfterMs: 60_000 };
      const claims = await Promise.all([
        store.claim('d-1', 'push', late),
        store.claim('d-1', 'push', late),
      ]);
      expect(claims.sort()).toEqual(['claimed', 'in-progress']);
    });

    it('prunes the deliveries received before the retention', async () => {
      const store = await createStore();
      const options = (now: Date) => ({ now, staleAfterMs: 60_000 });
      await store.claim('old', 'push', options(T0));
      await store.markProcessed('old');
      await store.claim('new', 'push', options(at(3600)));
      await store.markProcessed('new');
      expect(await store.prune(at(1800))).toBe(1);
      expect(await store.claim('old', 'push', options(at(3601)))).toBe(
        'claimed',
      );
      expect(await store.claim('new', 'push', options(at(3601)))).toBe(
        'processed',
      );
    });
  },
);
