import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readObservabilityScopeConfig } from '@catalyst/plugin-observability-common';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { AlertEventInput, AlertEventStore } from '../database/AlertEventStore';
import { connectAndMigrate } from '../database/migrations';
import { changingCatalog } from '../__testUtils__/changingCatalog';
import { AlertmanagerWebhookPayload } from './alertmanagerWebhookPayload';
import { AlertIntake } from './AlertIntake';
import { AlertInvestigations } from './InvestigationRequests';
import { ScopedEntityIndex } from './ScopedEntityIndex';

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments-api';
const paymentsComponent = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': 'payments' },
  },
  spec: { owner: 'payments' },
});
const scopes = readObservabilityScopeConfig(
  new ConfigReader({
    observability: {
      scopes: {
        grants: [{ owners: ['payments'], namespaces: ['payments'] }],
      },
    },
  }),
);

describe('AlertIntake', () => {
  it('reads the catalog again at most once per delivery, however many alerts name unknown entities', async () => {
    const catalog = catalogServiceMock({
      entities: [paymentsComponent('api')],
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const index = new ScopedEntityIndex({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      scopes,
      minRefreshMs: 0,
    });
    const recorded: AlertEventInput[] = [];
    const store = {
      record: async (events: AlertEventInput[]) => {
        recorded.push(...events);
      },
    } as unknown as AlertEventStore;
    const intake = new AlertIntake({ store, index });
    const alerts = Array.from({ length: 50 }, (_, i) => ({
      status: 'firing' as const,
      labels: {
        alertname: `A${i}`,
        namespace: 'payments',
        catalyst_entity_ref: `component:default/unknown-${i}`,
      },
      annotations: {},
      startsAt: '2026-01-01T10:00:00Z',
      fingerprint: `f${i}`,
    }));
    const result = await intake.receive({ alerts } as any);
    expect(result).toEqual({ received: 50, linked: 50 });
    expect(getEntities).toHaveBeenCalledTimes(2);
    expect(new Set(recorded.map(e => e.entityRef))).toEqual(
      new Set(['component:default/api']),
    );
  });
});

type Alert = AlertmanagerWebhookPayload['alerts'][number];
const alert = (
  fingerprint: string,
  labels: Record<string, string>,
  extra: Partial<Alert> = {},
): Alert => ({
  status: 'firing',
  labels: { alertname: fingerprint, ...labels },
  annotations: {},
  startsAt: '2026-01-01T10:00:00Z',
  fingerprint,
  ...extra,
});
const notification = (...alerts: Alert[]) =>
  ({ alerts } as AlertmanagerWebhookPayload);

describe.each(databases.eachSupportedId())(
  'AlertIntake.relink on %p',
  databaseId => {
    /** An intake whose catalog is read afresh on every snapshot. */
    async function setUp() {
      const knex = await databases.init(databaseId);
      const store = new AlertEventStore(
        await connectAndMigrate(
          mockServices.database.mock({
            getClient: async () => knex,
            migrations: { skip: false },
          }),
        ),
      );
      const { catalog, setEntities } = changingCatalog();
      const index = new ScopedEntityIndex({
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        scopes,
        ttlMs: 0,
        minRefreshMs: 0,
      });
      const investigations = {
        firing: jest.fn(async () => {}),
        resolved: jest.fn(async () => {}),
      } satisfies AlertInvestigations;
      const clock = { now: new Date('2026-01-01T10:01:00Z') };
      const intake = new AlertIntake({
        store,
        index,
        investigations,
        now: () => clock.now,
      });
      return { store, setEntities, investigations, clock, intake };
    }

    it('links a firing alert that arrived before the catalog had its entity, and asks once for its investigation', async () => {
      const { store, setEntities, investigations, intake } = await setUp();
      const received = await intake.receive(
        notification(
          alert('pay', {
            namespace: 'payments',
            catalyst_entity_ref: PAYMENTS,
          }),
          alert('node', { namespace: 'kube-system' }),
          alert(
            'over',
            { namespace: 'payments' },
            { status: 'resolved', endsAt: '2026-01-01T10:00:30Z' },
          ),
        ),
      );
      expect(received).toEqual({ received: 3, linked: 0 });
      expect(investigations.firing).not.toHaveBeenCalled();
      expect(await intake.relink()).toBe(0);

      setEntities([paymentsComponent('payments-api')]);
      expect(await intake.relink()).toBe(1);
      const history = await store.list({ entityRef: PAYMENTS, state: 'all' });
      expect(history.map(e => [e.fingerprint, e.status])).toEqual([
        ['pay', 'firing'],
      ]);
      expect(investigations.firing).toHaveBeenCalledTimes(1);
      expect(investigations.firing).toHaveBeenCalledWith({
        entityRef: PAYMENTS,
        fingerprint: 'pay',
        alertName: 'pay',
        startsAt: new Date('2026-01-01T10:00:00Z'),
        episodeStart: new Date('2026-01-01T10:00:00Z'),
      });

      // Nothing left to link: no second request, and the alert matching no entity stays as it is.
      expect(await intake.relink()).toBe(0);
      expect(investigations.firing).toHaveBeenCalledTimes(1);
      const waiting = await store.unlinkedFiring({
        receivedSince: new Date(0),
        limit: 10,
      });
      expect(waiting.map(e => e.fingerprint)).toEqual(['node']);
    });

    it('leaves alerts a notification resolved meanwhile, and alerts no notification reached for a day', async () => {
      const { store, setEntities, investigations, clock, intake } =
        await setUp();
      await intake.receive(
        notification(
          alert('stale', { namespace: 'payments' }),
          alert('flapped', { namespace: 'payments' }),
        ),
      );
      const [flapped] = await store.unlinkedFiring({
        receivedSince: new Date(0),
        limit: 1,
      });
      expect(flapped.fingerprint).toBe('flapped');
      clock.now = new Date('2026-01-02T10:00:00Z');
      await intake.receive(
        notification(
          alert('flapped', { namespace: 'payments' }, { status: 'resolved' }),
        ),
      );
      expect(await store.link(flapped.id, PAYMENTS)).toBe(false);

      clock.now = new Date('2026-01-02T10:01:01Z');
      setEntities([paymentsComponent('payments-api')]);
      expect(await intake.relink()).toBe(0);
      expect(investigations.firing).not.toHaveBeenCalled();
      expect(await store.list({ entityRef: PAYMENTS, state: 'all' })).toEqual(
        [],
      );
    });
  },
);
