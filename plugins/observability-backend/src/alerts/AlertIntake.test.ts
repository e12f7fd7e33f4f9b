import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readObservabilityScopeConfig } from '@catalyst/plugin-observability-common';
import { AlertEventInput, AlertEventStore } from '../database/AlertEventStore';
import { AlertIntake } from './AlertIntake';
import { ScopedEntityIndex } from './ScopedEntityIndex';

describe('AlertIntake', () => {
  it('reads the catalog again at most once per delivery, however many alerts name unknown entities', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'api',
            namespace: 'default',
            annotations: { 'backstage.io/kubernetes-namespace': 'payments' },
          },
          spec: { owner: 'payments' },
        },
      ],
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const index = new ScopedEntityIndex({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      scopes: readObservabilityScopeConfig(
        new ConfigReader({
          observability: {
            scopes: {
              grants: [{ owners: ['payments'], namespaces: ['payments'] }],
            },
          },
        }),
      ),
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
