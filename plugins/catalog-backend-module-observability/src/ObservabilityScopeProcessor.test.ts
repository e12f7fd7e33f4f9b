import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  CatalogProcessor,
  CatalogProcessorResult,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import catalogModuleObservability from '.';
import { ObservabilityScopeProcessor } from './ObservabilityScopeProcessor';

const OBSERVABILITY = {
  logs: {
    instances: [
      { name: 'shared', baseUrl: 'http://127.0.0.1:9428' },
      { name: 'payments-tenant', baseUrl: 'http://127.0.0.1:9429' },
    ],
  },
  scopes: {
    grants: [
      {
        owners: ['group:default/payments-team'],
        namespaces: ['payments'],
        instances: { logs: ['payments-tenant'] },
      },
      { owners: ['group:default/checkout-team'], namespaces: ['checkout'] },
    ],
  },
};

const location = {
  type: 'url',
  target: 'https://git.test/checkout/catalog-info.yaml',
};

const component = (
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web', namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

async function errorsOf(entity: Entity, observability: object = OBSERVABILITY) {
  const processor = ObservabilityScopeProcessor.fromConfig(
    new ConfigReader({ observability }),
  )!;
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  expect(result).toBe(entity);
  return emitted.map(r => {
    expect(r).toMatchObject({ type: 'error', location });
    return (r as { error: Error }).error;
  });
}

describe('ObservabilityScopeProcessor', () => {
  it('accepts granted claims and entities without a claim', async () => {
    expect(
      await errorsOf(
        component('payments-team', {
          'backstage.io/kubernetes-namespace': 'payments',
          'catalyst.dev/logs-instance': 'payments-tenant',
        }),
      ),
    ).toEqual([]);
    expect(await errorsOf(component('checkout-team', {}))).toEqual([]);
  });

  it.each([
    [
      { 'catalyst.dev/observability-labels': 'namespace=~".+"' },
      /namespace=~"\.\+" is a regular expression/,
    ],
    [
      { 'catalyst.dev/observability-labels': 'namespace!="checkout"' },
      /excludes values/,
    ],
    [
      { 'backstage.io/kubernetes-namespace': 'payments' },
      /may not claim namespace="payments": observability.scopes grants group:default\/checkout-team namespace checkout only/,
    ],
    [
      {
        'backstage.io/kubernetes-namespace': 'checkout',
        'catalyst.dev/logs-instance': 'payments-tenant',
      },
      /may not use logs instance 'payments-tenant'/,
    ],
  ])(
    'reports %j as an input error on the entity',
    async (annotations, message) => {
      const errors = await errorsOf(component('checkout-team', annotations));
      expect(errors).toHaveLength(1);
      expect(errors[0].name).toBe('InputError');
      expect(errors[0].message).toMatch(message);
    },
  );

  it('still refuses malformed claims on a portal that lets every entity claim any scope', async () => {
    const unrestricted = { scopes: { unrestricted: true } };
    expect(
      await errorsOf(
        component('anyone', { 'backstage.io/kubernetes-namespace': 'x' }),
        unrestricted,
      ),
    ).toEqual([]);
    expect(
      (
        await errorsOf(
          component('anyone', {
            'catalyst.dev/observability-labels': 'namespace=~".*"',
          }),
          unrestricted,
        )
      ).map(e => e.message),
    ).toEqual([expect.stringMatching(/is a regular expression/)]);
  });
});

describe('catalogModuleObservability', () => {
  async function processorsAdded(config: object) {
    const processors: CatalogProcessor[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addProcessor: (...p: CatalogProcessor[]) =>
              processors.push(...p.flat()),
          },
        ],
      ],
      features: [
        catalogModuleObservability,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return processors.map(p => p.getProcessorName());
  }

  it('adds the processor when observability.scopes is configured', async () => {
    expect(await processorsAdded({ observability: OBSERVABILITY })).toEqual([
      'ObservabilityScopeProcessor',
    ]);
    expect(await processorsAdded({})).toEqual([]);
  });

  it('refuses to start on a grant that would let anyone claim anything', async () => {
    await expect(
      processorsAdded({
        observability: { scopes: { grants: [{ namespaces: ['payments'] }] } },
      }),
    ).rejects.toThrow(/must name owners or systems/);
  });
});

describe('the demo', () => {
  it("grants every demo entity's claim with the portal's app-config.yaml", async () => {
    const root = resolve(__dirname, '../../..');
    const appConfig = parse(
      await readFile(join(root, 'app-config.yaml'), 'utf8'),
    );
    const processor = ObservabilityScopeProcessor.fromConfig(
      new ConfigReader(appConfig),
    )!;
    const entities = parseAllDocuments(
      await readFile(join(root, 'examples/entities.yaml'), 'utf8'),
    ).map(d => d.toJS() as Entity);
    const claiming = entities.filter(
      e => e.metadata.annotations?.['backstage.io/kubernetes-namespace'],
    );
    expect(claiming.map(e => e.metadata.name)).toEqual([
      'payments-api',
      'checkout-web',
      'ledger-worker',
    ]);
    const emitted: CatalogProcessorResult[] = [];
    for (const entity of entities) {
      await processor.postProcessEntity(entity, location, r => emitted.push(r));
    }
    expect(emitted).toEqual([]);
  });
});
