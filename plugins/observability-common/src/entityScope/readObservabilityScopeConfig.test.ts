import { ConfigReader } from '@backstage/config';
import { readObservabilityScopeConfig } from './readObservabilityScopeConfig';

const read = (observability: unknown) =>
  readObservabilityScopeConfig(new ConfigReader({ observability } as any));

describe('readObservabilityScopeConfig', () => {
  it('grants nothing by default, and normalizes refs', () => {
    expect(read(undefined)).toEqual({
      policy: { mode: 'granted', grants: [], defaultInstances: {} },
      labelMapping: { labelNamePrefix: undefined, labelNames: undefined },
    });
    expect(
      read({
        prometheus: { instances: [{ name: 'main', baseUrl: 'http://p' }] },
        scopes: {
          grants: [
            {
              owners: ['Payments-Team', 'user:default/ann'],
              systems: ['payments'],
              labels: { app: ['api', 'api'] },
            },
          ],
        },
      }).policy,
    ).toEqual({
      mode: 'granted',
      defaultInstances: { prometheus: 'main' },
      grants: [
        {
          owners: ['group:default/payments-team', 'user:default/ann'],
          systems: ['system:default/payments'],
          locations: [],
          namespaces: [],
          labels: { app: ['api'] },
          instances: {},
        },
      ],
    });
    expect(read({ scopes: { unrestricted: true } }).policy.mode).toBe(
      'unrestricted',
    );
  });

  it.each([
    [{ namespaces: ['a'] }, /must name owners or systems/],
    [{ owners: ['t'] }, /must pin namespaces or labels/],
    [{ owners: ['t'], labels: { namespace: ['a'] } }, /under namespaces/],
    [{ owners: ['t'], labels: { __name__: ['up'] } }, /is not a label name/],
    [{ owners: ['group:default/'], namespaces: ['a'] }, /is not an entity ref/],
    [
      { owners: ['t'], namespaces: ['a'], locations: ['github.com'] },
      /location refs/,
    ],
    [
      { owners: ['t'], namespaces: ['a'], instances: { logs: ['other'] } },
      /'other' is not configured under observability.logs.instances/,
    ],
  ])('refuses the grant %j', (grant, message) => {
    expect(() => read({ scopes: { grants: [grant] } })).toThrow(message);
  });

  it('refuses unrestricted together with grants', () => {
    expect(() =>
      read({
        scopes: {
          unrestricted: true,
          grants: [{ owners: ['t'], namespaces: ['a'] }],
        },
      }),
    ).toThrow(/either unrestricted .* or grants/);
  });
});
