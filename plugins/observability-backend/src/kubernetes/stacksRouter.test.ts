import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { ObservabilityStacksResponse } from '@catalyst/plugin-observability-common';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  eventually,
  freePort,
  startSilentServer,
} from '../__testUtils__/observabilityServers';
import { teamPolicy } from '../__testUtils__/teamPolicy';
import { observabilityPlugin } from '../plugin';
import {
  EnvtestControlPlane,
  startEnvtestControlPlane,
} from './__testUtils__/envtestControlPlane';

const CRD_FILE = resolve(
  __dirname,
  '../../../../operator/config/crd/bases/platform.catalyst.dev_observabilitystacks.yaml',
);
const STACKS = '/apis/platform.catalyst.dev/v1alpha1';
const T0 = '2026-01-02T03:04:05Z';

const teamComponent = (name: string, namespace: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': namespace },
  },
  spec: { type: 'service', lifecycle: 'production', owner: name },
});

async function startBackend(
  kubernetes: JsonObject | undefined,
  permission: 'ALLOW' | 'DENY' | 'TEAM_A' = 'ALLOW',
) {
  const { server } = await startTestBackend({
    features: [
      observabilityPlugin,
      catalogServiceMock.factory({
        entities: [
          teamComponent('team-a-api', 'team-a'),
          teamComponent('team-b-api', 'team-b'),
        ],
      }),
      permission === 'TEAM_A'
        ? teamPolicy(['component:default/team-a-api']).factory
        : mockServices.permissions.factory({ result: permission }),
      mockServices.rootConfig.factory({
        data: { observability: kubernetes ? { kubernetes } : {} },
      }),
    ],
  });
  return server;
}

const condition = (
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  observedGeneration?: number,
) => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: T0,
  ...(observedGeneration === undefined ? {} : { observedGeneration }),
});

describe('GET /api/observability/stacks against a real kube-apiserver', () => {
  let plane: EnvtestControlPlane;
  let kubeconfig: string;

  beforeAll(async () => {
    plane = await startEnvtestControlPlane();
    // eslint-disable-next-line no-console
    console.info(
      `kube-apiserver answered /readyz ${plane.apiserverStartupMs}ms after it was spawned`,
    );
    kubeconfig = await plane.writeKubeconfig('kubeconfig.yaml', [
      {
        name: 'envtest-admin',
        cluster: 'envtest',
        server: plane.server,
        token: plane.adminToken,
      },
      {
        name: 'envtest-unbound',
        cluster: 'envtest',
        server: plane.server,
        token: plane.unboundToken,
      },
    ]);
  }, 1_500_000);

  afterAll(async () => {
    await plane?.stop();
  });

  async function send(method: string, path: string, body?: unknown) {
    const contentType =
      method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    const res = await plane.request(method, path, body, contentType);
    if (res.status >= 300) {
      throw new Error(
        `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  }

  it('answers 404 naming the CRD while the cluster does not serve it', async () => {
    const server = await startBackend({ kubeconfigPath: kubeconfig });
    const res = await request(server).get('/api/observability/stacks');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `Kubernetes cluster 'envtest' (${plane.server}) does not serve observabilitystacks.platform.catalyst.dev/v1alpha1: is the Catalyst operator's CRD installed?`,
    );
  });

  describe('with the operator CRD and five stacks', () => {
    beforeAll(async () => {
      const crd = parse(await readFile(CRD_FILE, 'utf8'));
      await send(
        'POST',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        crd,
      );
      await eventually('the CRD to be established', async () => {
        const current = await send(
          'GET',
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
        );
        return current.status?.conditions?.some(
          (c: { type: string; status: string }) =>
            c.type === 'Established' && c.status === 'True',
        )
          ? true
          : undefined;
      });
      await eventually('the stacks to be served', async () =>
        (await plane.request('GET', `${STACKS}/observabilitystacks`)).status ===
        200
          ? true
          : undefined,
      );
      for (const name of ['observability', 'team-a', 'team-b']) {
        await send('POST', '/api/v1/namespaces', {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name },
        });
      }
      const create = (namespace: string, name: string) =>
        send('POST', `${STACKS}/namespaces/${namespace}/observabilitystacks`, {
          apiVersion: 'platform.catalyst.dev/v1alpha1',
          kind: 'ObservabilityStack',
          metadata: { name, namespace },
          spec: {},
        });
      const setStatus = (namespace: string, name: string, status: unknown) =>
        send(
          'PATCH',
          `${STACKS}/namespaces/${namespace}/observabilitystacks/${name}/status`,
          { status },
        );

      await create('observability', 'main');
      await setStatus('observability', 'main', {
        observedGeneration: 1,
        conditions: [
          condition('Ready', 'True', 'Reconciled', 'all releases deployed', 1),
          condition('Progressing', 'False', 'Reconciled', 'idle', 1),
          condition('Degraded', 'False', 'Reconciled', 'no failure', 1),
        ],
        prometheus: {
          releaseName: 'main-prometheus',
          chart: 'kube-prometheus-stack',
          chartVersion: '81.6.2',
          revision: 2,
          status: 'deployed',
          valuesHash: 'abc',
        },
        victoriaLogs: {
          releaseName: 'main-victoria-logs',
          chart: 'victoria-logs-single',
          chartVersion: '0.11.5',
          revision: 1,
          status: 'deployed',
        },
        endpoints: {
          prometheus: 'http://main-prometheus.observability.svc:9090',
          alertmanager: 'http://main-alertmanager.observability.svc:9093',
          victoriaLogs:
            'http://main-victoria-logs-server.observability.svc:9428',
        },
      });

      await create('team-a', 'broken');
      await setStatus('team-a', 'broken', {
        observedGeneration: 1,
        conditions: [
          condition('Ready', 'False', 'InstallFailed', 'install failed', 1),
          condition('Progressing', 'False', 'InstallFailed', 'gave up', 1),
          condition(
            'Degraded',
            'True',
            'InstallFailed',
            'chart kube-prometheus-stack 81.6.2: connection refused',
            1,
          ),
        ],
      });

      // Ready for generation 1, but the spec has changed since: generation 2. Only the
      // status says which generation it describes; the condition does not.
      await create('team-b', 'upgrading');
      await setStatus('team-b', 'upgrading', {
        observedGeneration: 1,
        conditions: [
          condition('Ready', 'True', 'Reconciled', 'all releases deployed'),
        ],
      });
      await send(
        'PATCH',
        `${STACKS}/namespaces/team-b/observabilitystacks/upgrading`,
        { spec: { prometheus: { retention: '30d' } } },
      );

      // The status was bumped to generation 2 but Ready still speaks of generation 1.
      await create('team-a', 'half-applied');
      await send(
        'PATCH',
        `${STACKS}/namespaces/team-a/observabilitystacks/half-applied`,
        { spec: { loki: { retention: '30d' } } },
      );
      await setStatus('team-a', 'half-applied', {
        observedGeneration: 2,
        conditions: [
          condition('Ready', 'True', 'Reconciled', 'all releases deployed', 1),
        ],
      });

      // No operator has written a status yet.
      await create('team-b', 'fresh');
    }, 120_000);

    it('summarizes every stack of the cluster', async () => {
      const server = await startBackend({ kubeconfigPath: kubeconfig });
      const res = await request(server).get('/api/observability/stacks');
      expect(res.status).toBe(200);
      const body: ObservabilityStacksResponse = res.body;
      expect(
        body.items.map(s => [s.namespace, s.name, s.health, s.ready]),
      ).toEqual([
        ['observability', 'main', 'healthy', true],
        ['team-a', 'broken', 'degraded', false],
        ['team-a', 'half-applied', 'progressing', false],
        ['team-b', 'fresh', 'unknown', false],
        ['team-b', 'upgrading', 'progressing', false],
      ]);

      const [main, broken, halfApplied, fresh, upgrading] = body.items;
      expect(main).toEqual({
        cluster: 'envtest',
        namespace: 'observability',
        name: 'main',
        generation: 1,
        observedGeneration: 1,
        ready: true,
        health: 'healthy',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Reconciled',
            message: 'all releases deployed',
            lastTransitionTime: T0,
            observedGeneration: 1,
          },
          {
            type: 'Progressing',
            status: 'False',
            reason: 'Reconciled',
            message: 'idle',
            lastTransitionTime: T0,
            observedGeneration: 1,
          },
          {
            type: 'Degraded',
            status: 'False',
            reason: 'Reconciled',
            message: 'no failure',
            lastTransitionTime: T0,
            observedGeneration: 1,
          },
        ],
        releases: [
          {
            component: 'prometheus',
            name: 'main-prometheus',
            chart: 'kube-prometheus-stack',
            version: '81.6.2',
            revision: 2,
            status: 'deployed',
          },
          {
            component: 'victoriaLogs',
            name: 'main-victoria-logs',
            chart: 'victoria-logs-single',
            version: '0.11.5',
            revision: 1,
            status: 'deployed',
          },
        ],
        endpoints: {
          prometheus: 'http://main-prometheus.observability.svc:9090',
          alertmanager: 'http://main-alertmanager.observability.svc:9093',
          victoriaLogs:
            'http://main-victoria-logs-server.observability.svc:9428',
        },
      });

      expect(broken.conditions.find(c => c.type === 'Degraded')).toEqual({
        type: 'Degraded',
        status: 'True',
        reason: 'InstallFailed',
        message: 'chart kube-prometheus-stack 81.6.2: connection refused',
        lastTransitionTime: T0,
        observedGeneration: 1,
      });
      expect(broken.releases).toEqual([]);
      expect(broken.endpoints).toEqual({});

      expect(upgrading).toMatchObject({
        generation: 2,
        observedGeneration: 1,
        ready: false,
        health: 'progressing',
      });
      expect(halfApplied).toMatchObject({
        generation: 2,
        observedGeneration: 2,
        ready: false,
        health: 'progressing',
      });
      expect(fresh).toMatchObject({
        generation: 1,
        conditions: [],
        releases: [],
      });
      expect(fresh.observedGeneration).toBeUndefined();
    });

    it('filters by namespace, from the query and from the configuration', async () => {
      const all = await startBackend({ kubeconfigPath: kubeconfig });
      const teamB = await request(all).get(
        '/api/observability/stacks?namespace=team-b',
      );
      expect(teamB.status).toBe(200);
      expect(teamB.body.items.map((s: { name: string }) => s.name)).toEqual([
        'fresh',
        'upgrading',
      ]);
      const bad = await request(all).get(
        '/api/observability/stacks?namespace=Team_B',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /namespace: must be a namespace name/,
      );

      const limited = await startBackend({
        kubeconfigPath: kubeconfig,
        namespaces: ['team-a', 'observability'],
      });
      const res = await request(limited).get('/api/observability/stacks');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map(
          (s: { namespace: string; name: string }) =>
            `${s.namespace}/${s.name}`,
        ),
      ).toEqual(['observability/main', 'team-a/broken', 'team-a/half-applied']);
      const outside = await request(limited).get(
        '/api/observability/stacks?namespace=team-b',
      );
      expect(outside.status).toBe(400);
      expect(outside.body.error.message).toBe(
        "Namespace 'team-b' is not one of observability.kubernetes.namespaces (team-a, observability)",
      );
    });

    it('says which identity Kubernetes refused, with 403', async () => {
      const server = await startBackend({
        kubeconfigPath: kubeconfig,
        context: 'envtest-unbound',
      });
      const res = await request(server).get('/api/observability/stacks');
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toContain(
        `The backend's Kubernetes identity may not list observabilitystacks.platform.catalyst.dev on Kubernetes cluster 'envtest' (${plane.server}): `,
      );
      // The API server's own reason names the user it saw.
      expect(res.body.error.message).toContain(
        'User "envtest-unbound" cannot list resource "observabilitystacks"',
      );
    });

    it("lists only the stacks of the namespaces of a team's entities, webhook URLs in messages redacted", async () => {
      await send('POST', `${STACKS}/namespaces/team-a/observabilitystacks`, {
        apiVersion: 'platform.catalyst.dev/v1alpha1',
        kind: 'ObservabilityStack',
        metadata: { name: 'slack', namespace: 'team-a' },
        spec: {},
      });
      try {
        await send(
          'PATCH',
          `${STACKS}/namespaces/team-a/observabilitystacks/slack/status`,
          {
            status: {
              observedGeneration: 1,
              conditions: [
                condition(
                  'Degraded',
                  'True',
                  'InstallFailed',
                  'alertmanager refused api_url https://hooks.slack.com/services/T1/B2/SLACKTOKEN: 404',
                  1,
                ),
              ],
            },
          },
        );
        const server = await startBackend(
          { kubeconfigPath: kubeconfig },
          'TEAM_A',
        );
        const res = await request(server).get('/api/observability/stacks');
        expect(res.status).toBe(200);
        const body: ObservabilityStacksResponse = res.body;
        expect(body.items.map(i => `${i.namespace}/${i.name}`)).toEqual([
          'team-a/broken',
          'team-a/half-applied',
          'team-a/slack',
        ]);
        expect(JSON.stringify(body)).not.toContain('SLACKTOKEN');
        expect(body.items[2].conditions[0].message).toBe(
          'alertmanager refused api_url https://hooks.slack.com/<redacted>: 404',
        );
      } finally {
        await send(
          'DELETE',
          `${STACKS}/namespaces/team-a/observabilitystacks/slack`,
        );
      }
    });

    it('checks observability.alerts.read', async () => {
      const server = await startBackend({ kubeconfigPath: kubeconfig }, 'DENY');
      const res = await request(server).get('/api/observability/stacks');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Not allowed: observability.alerts.read',
      );
    });
  });

  it('answers 503 naming a cluster that is unreachable or does not answer', async () => {
    const deadPort = await freePort();
    const hung = await startSilentServer();
    try {
      const unreachable = await plane.writeKubeconfig('unreachable.yaml', [
        {
          name: 'gone',
          cluster: 'gone',
          server: `https://127.0.0.1:${deadPort}`,
          token: plane.adminToken,
        },
        {
          name: 'hung',
          cluster: 'hung',
          server: `https://127.0.0.1:${hung.port}`,
          token: plane.adminToken,
        },
      ]);
      const gone = await request(
        await startBackend({ kubeconfigPath: unreachable }),
      ).get('/api/observability/stacks');
      expect(gone.status).toBe(503);
      expect(gone.body.error.message).toBe(
        `Kubernetes cluster 'gone' (https://127.0.0.1:${deadPort}) is unreachable: ECONNREFUSED`,
      );

      const slow = await request(
        await startBackend({
          kubeconfigPath: unreachable,
          context: 'hung',
          timeout: 700,
        }),
      ).get('/api/observability/stacks');
      expect(slow.status).toBe(503);
      expect(slow.body.error.message).toBe(
        `Kubernetes cluster 'hung' (https://127.0.0.1:${hung.port}) did not answer within 700ms`,
      );
    } finally {
      await hung.close();
    }
  });

  it('answers 503 when no cluster is configured and there is no kubeconfig', async () => {
    const home = await mkdtemp(join(tmpdir(), 'catalyst-no-kubeconfig-'));
    const saved = {
      HOME: process.env.HOME,
      KUBECONFIG: process.env.KUBECONFIG,
      KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST,
    };
    process.env.HOME = home;
    delete process.env.KUBECONFIG;
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      const res = await request(await startBackend(undefined)).get(
        '/api/observability/stacks',
      );
      expect(res.status).toBe(503);
      expect(res.body.error.message).toBe(
        'There is no Kubernetes cluster configured: set observability.kubernetes or provide a kubeconfig',
      );
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await rm(home, { recursive: true, force: true });
    }
  });

  it('refuses a configured context the kubeconfig does not have', async () => {
    await expect(
      startBackend({ kubeconfigPath: kubeconfig, context: 'elsewhere' }),
    ).rejects.toThrow(
      "observability.kubernetes.context: the kubeconfig has no context 'elsewhere' (it has 'envtest-admin', 'envtest-unbound')",
    );
  });
});
