import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { connectAndMigrate } from '../database/migrations';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'WebhookDeliveryStore on %p',
  databaseId => {
    it('records webhook deliveries once', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database.mock({
        getClient: async () => knex,
        migrations: { skip: false },
      });
      const store = new WebhookDeliveryStore(await connectAndMigrate(database));
      expect(await store.recordDelivery('d-1', 'push')).toBe(true);
      expect(await store.recordDelivery('d-1', 'push')).toBe(false);
      await store.forgetDelivery('d-1');
      expect(await store.recordDelivery('d-1', 'push')).toBe(true);
    });
  },
);
