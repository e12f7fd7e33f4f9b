import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  observabilityQueryReadPermission,
  readObservabilityScopeConfig,
} from '@catalyst/plugin-observability-common';
import { ScopedEntityIndex } from '../alerts/ScopedEntityIndex';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import {
  ENTITY_SCOPE_TTL_MS,
  ObservedEntities,
  PERMISSION_DECISION_TTL_MS,
} from './ObservedEntities';

const scopes = readObservabilityScopeConfig(
  new ConfigReader({
    observability: {
      scopes: {
        grants: [{ owners: ['payments'], namespaces: ['payments', 'billing'] }],
      },
    },
  }),
);
const API = 'component:default/api';
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

function setUp() {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-namespace': 'payments' },
    },
    spec: { owner: 'payments' },
  };
  const catalog = catalogServiceMock({ entities: [entity] });
  const reads = jest.spyOn(catalog, 'getEntityByRef');
  // The policy of the test: who may read, changed by the test as it goes.
  const allowed = new Set(['user:default/alice']);
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(() => ({
        result: allowed.has(
          (options?.credentials.principal as { userEntityRef: string })
            .userEntityRef,
        )
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  });
  let now = 1_000_000;
  const clock = () => now;
  const entities = new ObservedEntities({
    catalog,
    permissions,
    instances: new ObservabilityInstances({
      prometheus: [],
      logs: [],
      alertmanager: [],
    }),
    scopes,
    index: new ScopedEntityIndex({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      scopes,
      now: clock,
    }),
    now: clock,
  });
  return {
    entity,
    entities,
    allowed,
    catalogReads: () => reads.mock.calls.length,
    decisions: () => (permissions.authorize as jest.Mock).mock.calls.length,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ObservedEntities caches', () => {
  it('reuses an entity scope within the TTL and picks up a changed scope after it', async () => {
    const { entity, entities, catalogReads, advance } = setUp();
    expect((await entities.load(API, alice)).matchers).toEqual([
      { name: 'namespace', op: '=', value: 'payments' },
    ]);
    entity.metadata.annotations!['backstage.io/kubernetes-namespace'] =
      'billing';
    advance(ENTITY_SCOPE_TTL_MS - 1);
    expect((await entities.load(API, alice)).matchers[0].value).toBe(
      'payments',
    );
    expect(catalogReads()).toBe(1);

    advance(1);
    expect((await entities.load(API, alice)).matchers).toEqual([
      { name: 'namespace', op: '=', value: 'billing' },
    ]);
    expect(catalogReads()).toBe(2);
  });

  it('reads the entity for each caller, since catalog read rules are per caller', async () => {
    const { entities, catalogReads } = setUp();
    await entities.load(API, alice);
    await entities.load(API, alice);
    await entities.load(API, bob);
    expect(catalogReads()).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const { entities, catalogReads } = setUp();
    const missing = 'component:default/missing';
    await expect(entities.load(missing, alice)).rejects.toThrow(
      'is not in the catalog',
    );
    await expect(entities.load(missing, alice)).rejects.toThrow(
      'is not in the catalog',
    );
    expect(catalogReads()).toBe(2);
  });

  it('keys permission decisions by principal and keeps only an ALLOW, for its TTL', async () => {
    const { entities, allowed, decisions, advance } = setUp();
    const read = (who: typeof alice) =>
      entities.authorize(who, observabilityQueryReadPermission, API);

    await read(alice);
    await read(alice);
    expect(decisions()).toBe(1);

    // Alice's cached ALLOW is not Bob's.
    await expect(read(bob)).rejects.toThrow(
      'Not allowed: observability.query.read on component:default/api',
    );
    // A DENY is asked again, so a new grant applies at once.
    allowed.add('user:default/bob');
    await read(bob);
    expect(decisions()).toBe(3);

    // A revoked grant applies once the ALLOW's TTL has passed.
    allowed.delete('user:default/alice');
    advance(PERMISSION_DECISION_TTL_MS - 1);
    await read(alice);
    advance(1);
    await expect(read(alice)).rejects.toThrow('Not allowed');
  });

  it('keys permission decisions by entity', async () => {
    const { entities, decisions } = setUp();
    await entities.authorize(alice, observabilityQueryReadPermission, API);
    await entities.authorize(
      alice,
      observabilityQueryReadPermission,
      'component:default/other',
    );
    expect(decisions()).toBe(2);
  });
});
