import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { AlertEventStore } from './AlertEventStore';
import { AlertRuleInput, AlertRuleStore } from './AlertRuleStore';
import { connectAndMigrate } from './migrations';

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments-api';
const CHECKOUT = 'component:default/checkout-web';

async function connect(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({
    getClient: async () => knex,
    migrations: { skip: false },
  });
  return connectAndMigrate(database);
}

const rule = (extra: Partial<AlertRuleInput> = {}): AlertRuleInput => ({
  signalType: 'error_rate',
  threshold: 0.05,
  operator: 'gt',
  duration: '5m',
  severity: 'warning',
  enabled: true,
  notificationChannels: [],
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'observability stores on %p',
  databaseId => {
    it('creates, lists, updates and deletes alert rules per entity', async () => {
      const store = new AlertRuleStore(await connect(databaseId));
      const created = await store.create(
        PAYMENTS,
        rule({
          signalType: 'latency',
          threshold: 0.25,
          quantile: 0.99,
          description: 'Slow checkout',
          notificationChannels: [
            { type: 'slack', channel: '#payments' },
            { type: 'email', to: 'oncall@example.com' },
          ],
        }),
        new Date('2026-01-01T00:00:00Z'),
      );
      expect(created).toEqual({
        id: expect.any(Number),
        entityRef: PAYMENTS,
        signalType: 'latency',
        threshold: 0.25,
        operator: 'gt',
        duration: '5m',
        severity: 'warning',
        enabled: true,
        quantile: 0.99,
        objective: undefined,
        description: 'Slow checkout',
        notificationChannels: [
          { type: 'slack', channel: '#payments' },
          { type: 'email', to: 'oncall@example.com' },
        ],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      const slo = await store.create(
        PAYMENTS,
        rule({ objective: 0.999, threshold: 0 }),
        new Date('2026-01-02T00:00:00Z'),
      );
      await store.create(
        CHECKOUT,
        rule({ threshold: 0.1 }),
        new Date('2026-01-02T00:00:00Z'),
      );

      expect((await store.list(PAYMENTS)).map(r => r.id)).toEqual([
        created.id,
        slo.id,
      ]);
      expect((await store.list(CHECKOUT)).map(r => r.threshold)).toEqual([0.1]);
      expect((await store.listAll()).length).toBe(3);
      expect((await store.get(slo.id))?.objective).toBe(0.999);

      const updated = await store.update(
        created.id,
        { enabled: false, threshold: 0.5, quantile: undefined },
        new Date('2026-01-03T00:00:00Z'),
      );
      expect(updated).toMatchObject({
        enabled: false,
        threshold: 0.5,
        quantile: undefined,
        description: 'Slow checkout',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-03T00:00:00.000Z',
      });
      expect(
        await store.update(99_999, { enabled: true }, new Date()),
      ).toBeUndefined();
      expect(await store.delete(created.id)).toBe(true);
      expect(await store.delete(created.id)).toBe(false);
      expect((await store.list(PAYMENTS)).map(r => r.id)).toEqual([slo.id]);
    });

    it('keeps one history row per alert occurrence and filters it in the database', async () => {
      const store = new AlertEventStore(await connect(databaseId));
      const firing = {
        fingerprint: 'f1',
        alertName: 'CatalystErrorRate',
        status: 'firing' as const,
        labels: { alertname: 'CatalystErrorRate', namespace: 'payments' },
        annotations: { summary: 'errors' },
        startsAt: new Date('2026-01-01T10:00:00.123Z'),
        entityRef: PAYMENTS,
        ruleId: 7,
      };
      await store.record(
        [
          firing,
          {
            ...firing,
            fingerprint: 'f2',
            alertName: 'Other',
            startsAt: new Date('2026-01-01T08:00:00Z'),
            entityRef: CHECKOUT,
          },
          {
            ...firing,
            fingerprint: 'f3',
            startsAt: new Date('2026-01-01T06:00:00Z'),
            ruleId: undefined,
          },
        ],
        new Date('2026-01-01T10:00:05Z'),
      );
      // Alertmanager repeats the notification, then resolves the alert: still one row.
      await store.record([firing], new Date('2026-01-01T10:01:05Z'));
      await store.record(
        [
          {
            ...firing,
            status: 'resolved',
            endsAt: new Date('2026-01-01T10:30:00Z'),
          },
        ],
        new Date('2026-01-01T10:30:05Z'),
      );
      // The same alert firing again later is a new occurrence.
      await store.record(
        [{ ...firing, startsAt: new Date('2026-01-01T12:00:00Z') }],
        new Date('2026-01-01T12:00:05Z'),
      );

      const all = await store.list({ entityRef: PAYMENTS });
      expect(
        all.map(e => [e.fingerprint, e.status, e.startsAt, e.endsAt ?? null]),
      ).toEqual([
        ['f1', 'firing', '2026-01-01T12:00:00.000Z', null],
        [
          'f1',
          'resolved',
          '2026-01-01T10:00:00.123Z',
          '2026-01-01T10:30:00.000Z',
        ],
        ['f3', 'firing', '2026-01-01T06:00:00.000Z', null],
      ]);
      expect(all[1]).toMatchObject({
        ruleId: 7,
        receivedAt: '2026-01-01T10:30:05.000Z',
        labels: firing.labels,
      });
      expect(
        (await store.list({ entityRef: PAYMENTS, state: 'active' })).map(
          e => e.startsAt,
        ),
      ).toEqual(['2026-01-01T12:00:00.000Z', '2026-01-01T06:00:00.000Z']);
      expect(
        (await store.list({ entityRef: PAYMENTS, state: 'resolved' })).length,
      ).toBe(1);
      expect(
        (
          await store.list({
            entityRef: PAYMENTS,
            since: new Date('2026-01-01T09:00:00Z'),
          })
        ).map(e => e.startsAt),
      ).toEqual(['2026-01-01T12:00:00.000Z', '2026-01-01T10:00:00.123Z']);
      expect((await store.list({ entityRef: PAYMENTS, limit: 1 })).length).toBe(
        1,
      );
      expect(
        (await store.list({ entityRef: CHECKOUT })).map(e => e.alertName),
      ).toEqual(['Other']);

      const resolved = all[1];
      const overlapping = await store.overlapping(
        PAYMENTS,
        {
          start: new Date('2026-01-01T09:30:00Z'),
          end: new Date('2026-01-01T11:00:00Z'),
        },
        resolved.id,
      );
      // f3 started before the window and never ended; the 12:00 occurrence starts after it.
      expect(overlapping.map(e => [e.fingerprint, e.startsAt])).toEqual([
        ['f3', '2026-01-01T06:00:00.000Z'],
      ]);
      expect(await store.get(resolved.id)).toEqual(resolved);
      expect(await store.get(123_456)).toBeUndefined();
    });
  },
);
