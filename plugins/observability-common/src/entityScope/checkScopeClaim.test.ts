import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { checkScopeClaim } from './checkScopeClaim';
import { readObservabilityScopeConfig } from './readObservabilityScopeConfig';
import { resolveScopeClaim } from './resolveScopeClaim';

const { policy } = readObservabilityScopeConfig(
  new ConfigReader({
    observability: {
      logs: {
        instances: [
          { name: 'shared', baseUrl: 'http://a' },
          { name: 'payments-tenant', baseUrl: 'http://b' },
        ],
      },
      scopes: {
        grants: [
          {
            owners: ['payments-team'],
            namespaces: ['payments', 'payments-jobs'],
            instances: { logs: ['payments-tenant'] },
          },
          {
            systems: ['shop'],
            locations: ['url:https://git.test/acme/shop-'],
            namespaces: ['shared'],
            labels: { app: ['cart', 'basket'] },
          },
        ],
      },
    },
  }),
);

const entity = (
  annotations: Record<string, string>,
  spec: Record<string, string> = { owner: 'payments-team' },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', namespace: 'default', annotations },
  spec,
});

const check = (e: Entity) => checkScopeClaim(e, resolveScopeClaim(e), policy);

describe('checkScopeClaim', () => {
  it('grants a namespace of the owner, narrowed as the author likes, and its instances', () => {
    expect(
      check(
        entity({
          'catalyst.dev/observability-labels':
            'namespace=~"payments|payments-jobs",app=api',
          'catalyst.dev/logs-instance': 'payments-tenant',
        }),
      ),
    ).toEqual([]);
    expect(
      check(
        entity(
          { 'backstage.io/kubernetes-namespace': 'payments' },
          { owner: 'Group:default/Payments-Team' },
        ),
      ),
    ).toEqual([]);
  });

  it("refuses another team's namespace, a set that reaches outside the grant and a scope that does not pin the namespace", () => {
    expect(
      check(entity({ 'backstage.io/kubernetes-namespace': 'checkout' })),
    ).toEqual([
      'component:default/x may not claim namespace="checkout": observability.scopes grants group:default/payments-team namespaces payments, payments-jobs only',
    ]);
    expect(
      check(
        entity({
          'catalyst.dev/observability-labels': 'namespace=~"payments|checkout"',
        }),
      ),
    ).toEqual([
      expect.stringContaining('may not claim namespace=~"payments|checkout"'),
    ]);
    expect(
      check(
        entity({
          'backstage.io/kubernetes-label-selector': 'app=payments-api',
        }),
      ),
    ).toEqual([expect.stringContaining('may not claim app="payments-api"')]);
  });

  it('refuses owners without a grant, and instances the grant does not list', () => {
    expect(
      check(
        entity(
          { 'backstage.io/kubernetes-namespace': 'payments' },
          { owner: 'user:default/mallory' },
        ),
      ),
    ).toEqual([
      'component:default/x may not claim namespace="payments": observability.scopes has no grant for user:default/mallory',
    ]);
    expect(
      check(
        entity(
          {
            'backstage.io/kubernetes-namespace': 'shared',
            'backstage.io/kubernetes-label-selector': 'app=cart',
            'backstage.io/managed-by-location':
              'url:https://git.test/acme/shop-cart/catalog-info.yaml',
            'catalyst.dev/logs-instance': 'payments-tenant',
          },
          { owner: 'shop-team', system: 'shop' },
        ),
      ),
    ).toEqual([
      "component:default/x may not use logs instance 'payments-tenant': observability.scopes grants group:default/shop-team the default one ('shared') only",
    ]);
  });

  it('needs every selector of a grant: system, location and all pinned labels', () => {
    const shop = (annotations: Record<string, string>) =>
      check(
        entity(
          {
            'backstage.io/managed-by-location':
              'url:https://git.test/acme/shop-cart/catalog-info.yaml',
            ...annotations,
          },
          { owner: 'shop-team', system: 'shop' },
        ),
      );
    expect(
      shop({
        'catalyst.dev/observability-labels': 'namespace=shared,app=cart',
      }),
    ).toEqual([]);
    expect(
      shop({ 'catalyst.dev/observability-labels': 'namespace=shared' }),
    ).toEqual([
      expect.stringContaining(
        'observability.scopes grants group:default/shop-team namespace shared with app cart, basket only',
      ),
    ]);
    expect(
      shop({
        'catalyst.dev/observability-labels': 'namespace=shared,app=cart',
        'backstage.io/managed-by-location':
          'url:https://git.test/mallory/shop-cart/catalog-info.yaml',
      }),
    ).toEqual([
      expect.stringContaining('has no grant for group:default/shop-team'),
    ]);
  });

  it('lets every well-formed claim through when the portal is unrestricted', () => {
    const e = entity(
      { 'backstage.io/kubernetes-namespace': 'anything' },
      { owner: 'nobody' },
    );
    expect(
      checkScopeClaim(e, resolveScopeClaim(e), {
        mode: 'unrestricted',
        grants: [],
        defaultInstances: {},
      }),
    ).toEqual([]);
  });
});
