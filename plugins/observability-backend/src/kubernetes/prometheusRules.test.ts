import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { eventually, freePort } from '../__testUtils__/observabilityServers';
import { observabilityPlugin } from '../plugin';
import {
  EnvtestControlPlane,
  startEnvtestControlPlane,
} from './__testUtils__/envtestControlPlane';
import { prometheusRuleName } from './PrometheusRuleApplier';

const CRD_FILE = resolve(
  __dirname,
  '../../../../operator/test/crds/monitoring.coreos.com_prometheusrules.yaml',
);
const RULES_API = '/apis/monitoring.coreos.com/v1';
const PAYMENTS_REF = 'component:default/payments-api';
const PAYMENTS = '/api/observability/entities/component/default/payments-api';

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-namespace': 'payments' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
];

describe('kubernetes rule mode against a real kube-apiserver', () => {
  let plane: EnvtestControlPlane;
  let kubeconfig: string;
  // Rendering with a fixed instrumentation never asks Prometheus: nothing listens here.
  let prometheusPort: number;

  async function startBackend(target: JsonObject) {
    const { server } = await startTestBackend({
      features: [
        observabilityPlugin,
        catalogServiceMock.factory({ entities: ENTITIES }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            observability: {
              prometheus: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: `http://127.0.0.1:${prometheusPort}`,
                  },
                ],
              },
              goldenSignals: { instrumentation: 'prometheus-client' },
              scopes: {
                grants: [{ owners: ['team-a'], namespaces: ['payments'] }],
              },
              rules: { mode: 'kubernetes', kubernetes: target },
              kubernetes: { kubeconfigPath: kubeconfig },
            },
          },
        }),
      ],
    });
    return server;
  }

  async function send(method: string, path: string, body?: unknown) {
    const res = await plane.request(method, path, body);
    if (res.status >= 300) {
      throw new Error(
        `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  }

  const objectPath = (namespace: string) =>
    `${RULES_API}/namespaces/${namespace}/prometheusrules/${prometheusRuleName(
      PAYMENTS_REF,
    )}`;

  beforeAll(async () => {
    prometheusPort = await freePort();
    plane = await startEnvtestControlPlane();
    kubeconfig = await plane.writeKubeconfig('kubeconfig.yaml', [
      {
        name: 'envtest-admin',
        cluster: 'envtest',
        server: plane.server,
        token: plane.adminToken,
      },
    ]);
    const crd = parse(await readFile(CRD_FILE, 'utf8'));
    await send(
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      crd,
    );
    await eventually('PrometheusRules to be served', async () =>
      (await plane.request('GET', `${RULES_API}/prometheusrules`)).status ===
      200
        ? true
        : undefined,
    );
    for (const name of ['observability', 'payments']) {
      await send('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    }
  }, 1_500_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('creates, updates and removes the entity PrometheusRule as its rules change', async () => {
    const server = await startBackend({
      namespace: 'observability',
      stack: 'observability',
      labels: { 'catalyst.dev/tenant': 'payments' },
    });
    const path = objectPath('observability');

    const created = await request(server).post(`${PAYMENTS}/rules`).send({
      signalType: 'error_rate',
      threshold: 0.05,
      duration: '5m',
      severity: 'critical',
    });
    expect(created.status).toBe(201);
    const errorRule = created.body.rule.id;
    expect(created.body.application).toMatchObject({
      status: 'applied',
      mode: 'kubernetes',
      instance: 'main',
      prometheusRule: {
        namespace: 'observability',
        name: prometheusRuleName(PAYMENTS_REF),
      },
    });

    const object = await send('GET', path);
    expect(object.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'catalyst-observability',
      release: 'observability-prometheus',
      'catalyst.dev/tenant': 'payments',
    });
    expect(object.metadata.annotations).toEqual({
      'catalyst.dev/entity-ref': PAYMENTS_REF,
    });
    expect(
      object.metadata.managedFields.map(
        (f: { manager: string; operation: string }) => [f.manager, f.operation],
      ),
    ).toEqual([['catalyst-observability', 'Apply']]);
    const rendered = await request(server).get(`${PAYMENTS}/rules/rendered`);
    expect(object.spec.groups).toEqual(
      parse(rendered.body.prometheusRules).groups,
    );
    expect(object.spec.groups[0]).toMatchObject({
      name: `catalyst:${PAYMENTS_REF}`,
      rules: [
        {
          alert: 'CatalystErrorRate',
          for: '5m',
          labels: {
            severity: 'critical',
            namespace: 'payments',
            catalyst_rule_id: String(errorRule),
          },
        },
      ],
    });
    expect(object.spec.groups[0].rules[0].expr).toContain('> 0.05');

    const updated = await request(server)
      .put(`${PAYMENTS}/rules/${errorRule}`)
      .send({ threshold: 0.1, severity: 'warning' });
    expect(updated.status).toBe(200);
    const afterUpdate = await send('GET', path);
    expect(afterUpdate.metadata.generation).toBe(2);
    expect(afterUpdate.spec.groups[0].rules[0].expr).toContain('> 0.1');
    expect(afterUpdate.spec.groups[0].rules[0].labels.severity).toBe('warning');

    const traffic = await request(server).post(`${PAYMENTS}/rules`).send({
      signalType: 'traffic',
      threshold: 1,
      operator: 'lt',
    });
    expect(traffic.status).toBe(201);
    expect(
      (await send('GET', path)).spec.groups[0].rules.map(
        (r: { alert: string }) => r.alert,
      ),
    ).toEqual(['CatalystErrorRate', 'CatalystTraffic']);

    const disabled = await request(server)
      .put(`${PAYMENTS}/rules/${errorRule}`)
      .send({ enabled: false });
    expect(disabled.status).toBe(200);
    expect(
      (await send('GET', path)).spec.groups[0].rules.map(
        (r: { labels: Record<string, string> }) => r.labels.catalyst_rule_id,
      ),
    ).toEqual([String(traffic.body.rule.id)]);

    const deleted = await request(server).delete(
      `${PAYMENTS}/rules/${traffic.body.rule.id}`,
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body.application).toMatchObject({
      status: 'applied',
      mode: 'kubernetes',
      message: 'No enabled rules: the PrometheusRule was deleted',
    });
    expect((await plane.request('GET', path)).status).toBe(404);

    // Deleting the last disabled rule finds no object to delete, and that is fine.
    const last = await request(server).delete(`${PAYMENTS}/rules/${errorRule}`);
    expect(last.status).toBe(200);
  });

  it("writes into the entity's Kubernetes namespace when none is configured", async () => {
    const server = await startBackend({});
    const created = await request(server).post(`${PAYMENTS}/rules`).send({
      signalType: 'latency',
      threshold: 0.5,
    });
    expect(created.status).toBe(201);
    const object = await send('GET', objectPath('payments'));
    expect(object.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'catalyst-observability',
    });
    expect(object.spec.groups[0].rules[0].alert).toBe('CatalystLatency');
  });

  it('keeps the rule and says why when the namespace does not exist', async () => {
    const server = await startBackend({ namespace: 'missing' });
    const created = await request(server).post(`${PAYMENTS}/rules`).send({
      signalType: 'traffic',
      threshold: 100,
    });
    expect(created.status).toBe(503);
    expect(created.body.error.message).toContain(
      `The rule is stored, but Kubernetes cluster 'envtest' (${
        plane.server
      }) cannot write PrometheusRule missing/${prometheusRuleName(
        PAYMENTS_REF,
      )}`,
    );
    const listed = await request(server).get(`${PAYMENTS}/rules`);
    expect(
      listed.body.items.map((r: { threshold: number }) => r.threshold),
    ).toEqual([100]);
  });
});
