import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { readObservabilityScopeConfig } from '@catalyst/plugin-observability-common';
import { changingCatalog } from '../__testUtils__/changingCatalog';
import { ScopedEntityIndex } from './ScopedEntityIndex';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { owner },
});

const scopes = readObservabilityScopeConfig(
  new ConfigReader({
    observability: {
      scopes: {
        grants: [
          { owners: ['payments'], namespaces: ['payments'] },
          { owners: ['checkout'], namespaces: ['checkout'] },
        ],
      },
    },
  }),
);

function createIndex(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const getEntities = jest.spyOn(catalog, 'getEntities');
  let now = 1_000_000;
  const index = new ScopedEntityIndex({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    scopes,
    ttlMs: 60_000,
    minRefreshMs: 10_000,
    now: () => now,
  });
  return {
    index,
    reads: () => getEntities.mock.calls.length,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ScopedEntityIndex', () => {
  const api = component('api', 'payments', {
    'backstage.io/kubernetes-namespace': 'payments',
  });
  const worker = component('worker', 'payments', {
    'catalyst.dev/observability-labels': 'namespace=payments,app=worker',
  });
  const web = component('web', 'checkout', {
    'backstage.io/kubernetes-namespace': 'checkout',
  });

  it('links by the most specific granted scope, and by the entity-ref label only inside that scope', async () => {
    const greedy = component('greedy', 'checkout', {
      'catalyst.dev/observability-labels':
        'namespace=payments,app=worker,severity=critical',
    });
    const { index } = createIndex([api, worker, web, greedy]);
    const scopes_ = await index.snapshot();
    expect(scopes_.resolve({ namespace: 'payments' })).toBe(
      'component:default/api',
    );
    expect(
      scopes_.resolve({
        namespace: 'payments',
        app: 'worker',
        severity: 'critical',
      }),
    ).toBe('component:default/worker');
    expect(
      scopes_.resolve({
        namespace: 'payments',
        catalyst_entity_ref: 'component:default/web',
      }),
    ).toBe('component:default/api');
    expect(
      scopes_.resolve({
        namespace: 'checkout',
        catalyst_entity_ref: 'component:default/web',
      }),
    ).toBe('component:default/web');
    expect(scopes_.has('component:default/greedy')).toBe(false);
  });

  it('marks identical claims as conflicts and leaves equally good matches unlinked', async () => {
    const twin = component('twin', 'payments', {
      'catalyst.dev/observability-labels': 'app=worker, namespace=payments',
    });
    const job = component('job', 'payments', {
      'catalyst.dev/observability-labels': 'namespace=payments,job=batch',
    });
    const web_ = component('frontend', 'payments', {
      'catalyst.dev/observability-labels': 'namespace=payments,tier=web',
    });
    const { index } = createIndex([api, worker, twin, job, web_]);
    const snapshot = await index.snapshot();
    expect(snapshot.conflictsOf('component:default/worker')).toEqual([
      'component:default/twin',
    ]);
    expect(snapshot.conflictsOf('component:default/api')).toBeUndefined();
    expect(snapshot.resolve({ namespace: 'payments', app: 'worker' })).toBe(
      'component:default/api',
    );
    expect(
      snapshot.resolve({ namespace: 'payments', job: 'batch', tier: 'web' }),
    ).toBeUndefined();
    expect(snapshot.resolve({ namespace: 'payments', job: 'batch' })).toBe(
      'component:default/job',
    );
  });

  it('reads the catalog once per TTL, and again on request at most every minRefreshMs', async () => {
    const { index, reads, advance } = createIndex([api]);
    await Promise.all([index.snapshot(), index.snapshot()]);
    expect(reads()).toBe(1);
    await index.snapshot({ fresh: true });
    expect(reads()).toBe(1);
    advance(10_000);
    await index.snapshot();
    expect(reads()).toBe(1);
    await index.snapshot({ fresh: true });
    expect(reads()).toBe(2);
    advance(59_999);
    await index.snapshot();
    expect(reads()).toBe(2);
    advance(1);
    await index.snapshot();
    expect(reads()).toBe(3);
  });

  it('starts a new generation only when a read finds other granted scopes than the read before', async () => {
    const { catalog, setEntities } = changingCatalog([api]);
    const index = new ScopedEntityIndex({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      scopes,
      ttlMs: 0,
    });
    const generations = [];
    generations.push((await index.snapshot()).generation);
    generations.push((await index.snapshot()).generation);
    setEntities([api, worker]);
    generations.push((await index.snapshot()).generation);
    setEntities([api, { ...worker, spec: { owner: 'checkout' } }]);
    generations.push((await index.snapshot()).generation);
    setEntities([web]);
    generations.push((await index.snapshot()).generation);
    generations.push((await index.snapshot()).generation);
    expect(generations).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
