import { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import observabilityPlugin from '@catalyst/plugin-observability-backend';
// The real Prometheus, Alertmanager, VictoriaLogs and demo service of the observability
// backend's own tests, so both suites run the same binaries the same way.
/* eslint-disable @backstage/no-forbidden-package-imports */
import {
  createServerDirectory,
  eventually,
  freePort,
  observabilityBinaries,
  ServerProcess,
  startAlertmanager,
  startPrometheus,
} from '@catalyst/plugin-observability-backend/src/__testUtils__/observabilityServers';
import {
  startVictoriaLogs,
  victoriaLogsBinary,
} from '@catalyst/plugin-observability-backend/src/__testUtils__/victoriaLogsServer';
import {
  InstrumentedService,
  startInstrumentedService,
} from '@catalyst/plugin-observability-backend/dev/instrumentedService';
/* eslint-enable @backstage/no-forbidden-package-imports */
import type { IncidentInvestigation } from '@catalyst/plugin-observability-common';
import type { PlatformTaskPage } from '@catalyst/plugin-platform-common';
import platformPlugin from '@catalyst/plugin-platform-backend';
import { Octokit } from '@octokit/rest';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { platformModuleInvestigations } from './module';

const SECRET = 'alertmanager-shared-secret';
const PAYMENTS = '/api/observability/entities/component/default/payments-api';

const component = (
  name: string,
  annotations: Record<string, string>,
  dependsOn: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'github.com/project-slug': `acme/${name}`, ...annotations },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  relations: dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
});

// A real chain: a service instrumented with prom-client ships its request logs to
// VictoriaLogs and is scraped by Prometheus, whose alert goes through Alertmanager to
// Catalyst's webhook intake, which queues the investigation on the platform's task queue;
// the merged pull requests and the issue are on the GitHub simulator.
jest.setTimeout(240_000);

describe('alert investigations against real Prometheus, Alertmanager, VictoriaLogs and the GitHub simulator', () => {
  const servers: ServerProcess[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let simulator: GithubSimulator;
  let service: InstrumentedService;
  let server: Server;
  let octokit: Octokit;
  // The test backend's scheduler runs a job when told: the task worker runs on each poll.
  // (The mock service is also its own factory at runtime; its type does not say so.)
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & { factory(): ServiceFactory };

  async function mergePullRequest(
    fullName: string,
    branch: string,
    title: string,
    files: Record<string, string>,
  ) {
    const git = simulator.repository(fullName);
    await git.updateRef(
      `refs/heads/${branch}`,
      (await git.resolveRef('refs/heads/main'))!,
    );
    await git.commitFiles(branch, files, title);
    const pr = await simulator.openPullRequest(fullName, {
      head: branch,
      title,
      body: 'Implements T012 of specs/003-card-processor.',
    });
    const [owner, repo] = fullName.split('/');
    await octokit.rest.pulls.merge({
      owner,
      repo,
      pull_number: pr.number,
      merge_method: 'squash',
    });
    return pr.number;
  }

  beforeAll(async () => {
    const binaries = observabilityBinaries();
    directory = await createServerDirectory();
    simulator = await GithubSimulator.start();
    octokit = new Octokit({
      baseUrl: simulator.urls.api,
      auth: simulator.token,
    });
    for (const name of ['payments-api', 'ledger-worker']) {
      await simulator.createRepository(`acme/${name}`, {
        commits: [{ message: 'chore: init', files: { 'README.md': name } }],
      });
    }
    const victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: directory.dir,
    });
    servers.push(victoriaLogs);
    service = await startInstrumentedService({
      errorRatio: 0,
      logs: {
        victoriaLogsUrl: victoriaLogs.url,
        labels: { namespace: 'payments', app: 'payments-api' },
      },
    });
    service.generateTraffic(20);
    const alertmanagerPort = await freePort();
    const prometheus = await startPrometheus({
      binary: binaries.prometheus,
      dir: directory.dir,
      alertmanagerPort,
      targets: [
        {
          job: 'payments-api',
          address: `127.0.0.1:${service.port}`,
          labels: { namespace: 'payments', app: 'payments-api' },
        },
      ],
    });
    servers.push(prometheus);
    const started = await startTestBackend({
      features: [
        scheduler.factory(),
        platformPlugin,
        platformModuleInvestigations,
        observabilityPlugin,
        catalogServiceMock.factory({
          entities: [
            component(
              'payments-api',
              { 'backstage.io/kubernetes-namespace': 'payments' },
              ['component:default/ledger-worker'],
            ),
            component('ledger-worker', {
              'backstage.io/kubernetes-namespace': 'ledger',
            }),
          ],
        }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [simulator.integrationConfig()] },
            // Investigations change no code: they run without a person's approval.
            platform: {
              tasks: {
                approvalPolicies: [
                  { taskType: 'incident_investigation', policy: 'auto-merge' },
                ],
              },
            },
            observability: {
              prometheus: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: prometheus.url,
                    ruleFilesDirectory: prometheus.rulesDir,
                  },
                ],
              },
              alertmanager: {
                instances: [
                  {
                    name: 'main',
                    baseUrl: `http://127.0.0.1:${alertmanagerPort}`,
                  },
                ],
                webhookSecret: SECRET,
              },
              logs: {
                instances: [{ name: 'main', baseUrl: victoriaLogs.url }],
              },
              scopes: {
                grants: [
                  { owners: ['team-a'], namespaces: ['payments', 'ledger'] },
                ],
              },
              rules: { evaluationInterval: '1s', rateWindow: '10s' },
              goldenSignals: { rateWindow: '10s' },
            },
          },
        }),
      ],
    });
    server = started.server as unknown as Server;
    servers.push(
      await startAlertmanager({
        binary: binaries.alertmanager,
        dir: directory.dir,
        port: alertmanagerPort,
        webhookUrl: `http://127.0.0.1:${
          (server.address() as AddressInfo).port
        }/api/observability/webhooks/alertmanager`,
        webhookSecret: SECRET,
      }),
    );
    await eventually('twenty scrapes of healthy traffic', async () => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'count_over_time(up[1m]) >= 20',
        )}`,
      );
      return (await res.json()).data.result.length === 1 ? true : undefined;
    });
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    for (const s of servers.reverse()) await s.stop();
    await simulator?.stop();
    await directory?.remove();
  }, 60_000);

  it('investigates one firing episode once and names the seeded merge as the top cause', async () => {
    // Changes before the breach: an unrelated one of the component, one of its dependency,
    // then the seeded one right before the error rate rises.
    const docs = await mergePullRequest(
      'acme/payments-api',
      'docs/runbook',
      'docs: runbook for on-call',
      { 'RUNBOOK.md': 'restart it' },
    );
    const dependency = await mergePullRequest(
      'acme/ledger-worker',
      'feat/batching',
      'feat(ledger): batch writes',
      { 'batch.js': 'batch' },
    );
    const seeded = await mergePullRequest(
      'acme/payments-api',
      'feat/card-processor',
      'feat(payments): switch to the new card processor client',
      { 'src/cardProcessor.js': 'new client' },
    );
    // Deployments (GitHub's deployments API) of the component and of its dependency.
    const deployed = await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'payments-api',
      ref: 'main',
      environment: 'production',
      description: 'rollout',
      required_contexts: [],
    });
    await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'ledger-worker',
      ref: 'main',
      environment: 'staging',
      required_contexts: [],
    });
    service.setErrorRatio(0.8);

    const rule = await request(server).post(`${PAYMENTS}/rules`).send({
      signalType: 'error_rate',
      threshold: 0.2,
      operator: 'gt',
      duration: '2s',
      severity: 'critical',
    });
    expect(rule.status).toBe(201);
    expect(rule.body.application.status).toBe('applied');

    const alert = await eventually(
      'the alert to reach Catalyst through Alertmanager',
      async () => {
        const res = await request(server).get(
          `${PAYMENTS}/alerts?state=active`,
        );
        return res.body.items.find(
          (a: any) => a.alertName === 'CatalystErrorRate',
        );
      },
      90_000,
    );

    // The service ships its log lines in batches: the investigation runs (the test
    // triggers the worker) once the store has the failures.
    await eventually('the failures in VictoriaLogs', async () => {
      const res = await request(server).get(
        `${PAYMENTS}/logs?level=error&start=${encodeURIComponent(
          alert.startsAt,
        )}`,
      );
      return res.body.lines?.length > 0 ? true : undefined;
    });

    const tasks = async () =>
      (
        await request(server).get(
          '/api/platform/tasks?type=incident_investigation',
        )
      ).body as PlatformTaskPage;
    const done = await eventually(
      'the investigation task to finish',
      async () => {
        await scheduler.triggerTask('platform-task-worker');
        const page = await tasks();
        const finished = page.items.find(
          t => !['pending', 'in_progress'].includes(t.status),
        );
        if (!finished) {
          // Shown by `eventually` if it times out.
          throw new Error(`not finished: ${JSON.stringify(page.items)}`);
        }
        return finished;
      },
      60_000,
    );
    expect(done).toMatchObject({
      status: 'complete',
      entityRef: 'component:default/payments-api',
      subject: `${alert.fingerprint}@${new Date(alert.startsAt).toISOString()}`,
    });

    const investigations = await request(server).get(
      '/api/platform/investigations?entityRef=component:default/payments-api',
    );
    expect(investigations.status).toBe(200);
    const [record] = investigations.body.items as IncidentInvestigation[];
    expect(record).toMatchObject({
      taskId: done.id,
      fingerprint: alert.fingerprint,
      alertName: 'CatalystErrorRate',
    });
    expect(record.causes[0]).toMatchObject({
      rank: 1,
      kind: 'change',
      title: `PR #${seeded}: feat(payments): switch to the new card processor client`,
    });
    expect(record.causes[0].reason).toMatch(
      new RegExp(
        `^error ratio rose .* within \\d+ (seconds|minutes?) of PR #${seeded} merging; \\d+(\\.\\d)? % of new error lines match \`request failed: upstream card processor returned <n>\``,
      ),
    );
    expect(record.causes.map(c => c.title)).toEqual(
      expect.arrayContaining([
        `PR #${docs}: docs: runbook for on-call`,
        `PR #${dependency}: feat(ledger): batch writes`,
      ]),
    );
    expect(
      record.changes.find(
        c => c.number === dependency && c.repository === 'acme/ledger-worker',
      ),
    ).toMatchObject({
      relation: 'dependency',
      entityRef: 'component:default/ledger-worker',
      scopes: ['ledger'],
    });
    expect(
      record.changes.find(
        c => c.number === seeded && c.repository === 'acme/payments-api',
      ),
    ).toMatchObject({ scopes: ['payments'], specTasks: ['T012'] });
    const head = await simulator
      .repository('acme/payments-api')
      .resolveRef('refs/heads/main');
    expect(record.deployments).toEqual([
      expect.objectContaining({
        repository: 'acme/ledger-worker',
        relation: 'dependency',
        entityRef: 'component:default/ledger-worker',
        environment: 'staging',
      }),
      expect.objectContaining({
        repository: 'acme/payments-api',
        relation: 'self',
        entityRef: 'component:default/payments-api',
        id: (deployed.data as { id: number }).id,
        environment: 'production',
        ref: 'main',
        sha: head,
        description: 'rollout',
      }),
    ]);
    const deploymentCause = record.causes.find(
      c => c.kind === 'deployment' && c.title.includes('acme/payments-api'),
    );
    expect(deploymentCause).toMatchObject({
      title: `Deployment: acme/payments-api main (${head!.slice(
        0,
        7,
      )}) to production`,
    });
    expect(deploymentCause!.reason).toMatch(
      new RegExp(
        `^error ratio rose .* within \\d+ (seconds|minutes?) of the deployment of main \\(${head!.slice(
          0,
          7,
        )}\\) to production starting`,
      ),
    );
    // The failures begin before the alert's start (rate window and `for`): counted as before.
    expect(record.logPatterns[0].pattern).toBe(
      'request failed: upstream card processor returned <n>',
    );
    expect(record.logPatterns[0].during).toBeGreaterThan(0);
    const errors = record.signals.find(s => s.signal === 'errors')!;
    expect(errors.before).toBe(0);
    expect(errors.during).toBeGreaterThan(0.2);

    const issues = simulator.issues('acme/payments-api');
    expect(issues).toHaveLength(1);
    expect(record.issue?.number).toBe(issues[0].number);
    expect(issues[0].title).toContain(`PR #${seeded}`);
    expect(issues[0].body).toContain(
      'request failed: upstream card processor returned <n>',
    );
    expect(issues[0].body).toContain('## Deployments');

    // A second notification of the same alert (as Alertmanager's repeat would send it)
    // adds no task.
    const again = await request(server)
      .post('/api/observability/webhooks/alertmanager')
      .set('authorization', `Bearer ${SECRET}`)
      .send({
        version: '4',
        groupKey: '{}:{alertname="CatalystErrorRate"}',
        status: 'firing',
        receiver: 'catalyst',
        groupLabels: { alertname: 'CatalystErrorRate' },
        commonLabels: alert.labels,
        commonAnnotations: alert.annotations,
        externalURL: 'http://127.0.0.1:9093',
        alerts: [
          {
            status: 'firing',
            labels: alert.labels,
            annotations: alert.annotations,
            startsAt: alert.startsAt,
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: alert.generatorUrl ?? '',
            fingerprint: alert.fingerprint,
          },
        ],
      });
    expect(again.status).toBe(200);
    const after = await tasks();
    expect(after.items).toHaveLength(1);
    expect(simulator.issues('acme/payments-api')).toHaveLength(1);
  });
});
