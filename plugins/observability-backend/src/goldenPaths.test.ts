import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ObservabilityScopeProcessor } from '@catalyst/plugin-catalog-backend-module-observability';
import {
  goldenPathTemplateDir,
  runInProject,
  runTemplateSteps,
} from '@catalyst/plugin-scaffolder-backend-module-platform/testUtils';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import request from 'supertest';
import yaml from 'yaml';
import {
  createServerDirectory,
  eventually,
  freePort,
  observabilityBinaries,
  startPrometheus,
} from './__testUtils__/observabilityServers';
import {
  startVictoriaLogs,
  victoriaLogsBinary,
} from './__testUtils__/victoriaLogsServer';
import { observabilityPlugin } from './plugin';

// The stream fields and the message fields the operator's log collector (Vector) sets:
// operator/internal/stackvalues/victorialogs.go.
const COLLECTOR_STREAM_FIELDS = ['namespace', 'pod', 'container', 'app'];
const COLLECTOR_MESSAGE_FIELDS = 'message,msg,_msg,log.msg,log.message,log';

const OWNER = 'group:default/team-a';
const NAMESPACE = 'payments';

// The grant a platform team adds for the services it scaffolds (README, Golden paths).
const SCOPES = {
  grants: [{ owners: [OWNER], namespaces: [NAMESPACE] }],
};
// What Kubernetes service discovery relabelling attaches: the pod's namespace and its
// app.kubernetes.io/name label as `app`.
const LABEL_MAPPING = { labelNames: { 'app.kubernetes.io/name': 'app' } };

type Template = {
  name: 'typescript-service' | 'go-service' | 'python-service';
  service: string;
  /** Installs and builds the generated project. */
  prepare(dir: string): Promise<void>;
  /** The command that starts the built service. */
  command(dir: string): [string, string[]];
};

const TEMPLATES: Template[] = [
  {
    name: 'typescript-service',
    service: 'ts-payments',
    async prepare(dir) {
      // --ignore-scripts: no lifecycle script of a dependency runs in the test.
      await runInProject(dir, 'npm', [
        'install',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
      ]);
      await runInProject(dir, 'npm', ['run', 'build']);
    },
    command: dir => [process.execPath, [`${dir}/dist/main.js`]],
  },
  {
    name: 'go-service',
    service: 'go-payments',
    async prepare(dir) {
      await runInProject(dir, 'go', ['build', '-o', 'service', '.']);
    },
    command: dir => [`${dir}/service`, []],
  },
  {
    name: 'python-service',
    service: 'py-payments',
    async prepare(dir) {
      await runInProject(dir, 'python3', ['-m', 'venv', '.venv']);
      await runInProject(dir, '.venv/bin/pip', [
        'install',
        '--quiet',
        '-r',
        'requirements.txt',
      ]);
    },
    command: dir => [`${dir}/.venv/bin/python`, ['-m', 'app']],
  },
];

type Running = {
  template: Template;
  dir: string;
  port: number;
  entity: Entity;
  child: ChildProcess;
  /** The JSON lines the service wrote to stdout so far. */
  lines: string[];
};

// Renders, installs and builds three projects (npm, the Go module proxy and PyPI on a cold
// cache), then waits for ten scrapes of each.
jest.setTimeout(600_000);

describe('golden-path services on the observability stack', () => {
  const running: Running[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let victoriaLogs: Awaited<ReturnType<typeof startVictoriaLogs>>;
  let server: Server;

  beforeAll(async () => {
    directory = await createServerDirectory();
    for (const template of TEMPLATES) {
      const dir = createMockDirectory().path;
      await runTemplateSteps({
        templateDir: goldenPathTemplateDir(template.name),
        workspacePath: dir,
        values: {
          name: template.service,
          description: 'Payments API',
          owner: OWNER,
          system: 'system:default/billing',
          namespace: NAMESPACE,
          repoUrl: `github.com?owner=acme&repo=${template.service}`,
        },
      });
      await template.prepare(dir);
      const port = await freePort();
      const [command, args] = template.command(dir);
      const child = spawn(command, args, {
        cwd: dir,
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines: string[] = [];
      let rest = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop()!;
        lines.push(...parts.filter(line => line.trim() !== ''));
      });
      const entity = yaml.parse(
        readFileSync(`${dir}/catalog-info.yaml`, 'utf8'),
      ) as Entity;
      running.push({ template, dir, port, entity, child, lines });
      await eventually(`${template.name} to listen on ${port}`, async () =>
        (await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined,
      );
    }
    prometheus = await startPrometheus({
      binary: observabilityBinaries().prometheus,
      dir: directory.dir,
      targets: running.map(r => ({
        job: r.template.service,
        address: `127.0.0.1:${r.port}`,
        labels: { namespace: NAMESPACE, app: r.template.service },
      })),
    });
    victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: directory.dir,
    });
    const started = await startTestBackend({
      features: [
        observabilityPlugin,
        catalogServiceMock.factory({ entities: running.map(r => r.entity) }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            observability: {
              prometheus: {
                instances: [{ name: 'main', baseUrl: prometheus.url }],
              },
              logs: {
                instances: [{ name: 'main', baseUrl: victoriaLogs.url }],
              },
              scopes: SCOPES,
              labelMapping: LABEL_MAPPING,
              goldenSignals: { rateWindow: '10s' },
            },
          },
        }),
      ],
    });
    server = started.server as unknown as Server;
    // Traffic on the example route, with a trace id on each request, for ten seconds of
    // samples: the 10s rate windows need them.
    await eventually(
      'ten scrapes of every service',
      async () => {
        for (const r of running) {
          for (let i = 0; i < 5; i++) {
            await fetch(`http://127.0.0.1:${r.port}/hello?name=n${i}`, {
              headers: {
                traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`,
              },
            });
          }
        }
        const res = await fetch(
          `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
            'count_over_time(up[1m]) >= 10',
          )}`,
        );
        const body = await res.json();
        return body.data.result.length === running.length ? true : undefined;
      },
      120_000,
      1000,
    );
  });

  afterAll(async () => {
    for (const r of running) {
      if (r.child.exitCode === null) {
        const exited = new Promise(done => r.child.once('exit', done));
        r.child.kill('SIGTERM');
        await exited;
      }
    }
    await victoriaLogs?.stop();
    await prometheus?.stop();
    await directory?.remove();
  }, 60_000);

  const path = (entity: Entity) =>
    `/api/observability/entities/component/default/${entity.metadata.name}`;

  it.each(TEMPLATES.map(t => [t.name]))(
    'accepts the %s catalog-info.yaml in the catalog given the grant',
    async name => {
      const { entity } = running.find(r => r.template.name === name)!;
      const processor = ObservabilityScopeProcessor.fromConfig(
        new ConfigReader({
          observability: { scopes: SCOPES, labelMapping: LABEL_MAPPING },
        }),
      )!;
      const emitted: CatalogProcessorResult[] = [];
      await processor.postProcessEntity(
        entity,
        { type: 'url', target: 'https://github.com/acme/x/catalog-info.yaml' },
        result => emitted.push(result),
      );
      expect(emitted).toEqual([]);
      // Without the grant, the same claim is refused: the check above is not vacuous.
      const refused: CatalogProcessorResult[] = [];
      await ObservabilityScopeProcessor.fromConfig(
        new ConfigReader({ observability: { scopes: { grants: [] } } }),
      )!.postProcessEntity(
        entity,
        { type: 'url', target: 'https://github.com/acme/x/catalog-info.yaml' },
        result => refused.push(result),
      );
      expect(refused.map(r => r.type)).toContain('error');
    },
  );

  it.each(TEMPLATES.map(t => [t.name]))(
    'shows the golden signals of the %s service from its own metrics',
    async name => {
      const { entity } = running.find(r => r.template.name === name)!;
      const res = await request(server).get(`${path(entity)}/golden-signals`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        metricsSource: 'detected',
        metrics: {
          requestDuration: 'http_request_duration_seconds',
          statusLabel: 'code',
        },
      });
      const { signals } = res.body;
      for (const signal of ['latency', 'traffic', 'errors']) {
        for (const q of signals[signal].queries) {
          expect(q.query).toContain(
            `namespace="${NAMESPACE}", app="${entity.metadata.name}"`,
          );
        }
      }
      const last = (series: { values: (number | null)[] }) =>
        series.values.filter(v => v !== null).at(-1);
      expect(last(signals.traffic.series[0])).toBeGreaterThan(0);
      expect(last(signals.errors.series[0])).toBe(0);
      expect(
        signals.latency.series.map((s: any) => s.labels.signal).sort(),
      ).toEqual(['p50', 'p95', 'p99']);
      for (const s of signals.latency.series) {
        expect(last(s)).toBeGreaterThan(0);
      }
    },
  );

  it.each(TEMPLATES.map(t => [t.name]))(
    'ships the %s service JSON logs to the log store with its scope fields',
    async name => {
      const r = running.find(x => x.template.name === name)!;
      const service = r.entity.metadata.name;
      const pod = `${service}-7d9f8-abcde`;
      // What the collector does with each stdout line: the JSON under `log`, the stream
      // fields from the pod's Kubernetes metadata.
      const rows = r.lines.map(line => ({
        timestamp: new Date().toISOString(),
        log: JSON.parse(line),
        namespace: NAMESPACE,
        pod,
        container: 'service',
        app: service,
      }));
      expect(rows.length).toBeGreaterThan(0);
      const query = new URLSearchParams({
        _stream_fields: COLLECTOR_STREAM_FIELDS.join(','),
        _msg_field: COLLECTOR_MESSAGE_FIELDS,
        _time_field: 'timestamp',
      });
      const ingested = await fetch(
        `${victoriaLogs.url}/insert/jsonline?${query}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/stream+json' },
          body: rows.map(row => JSON.stringify(row)).join('\n'),
        },
      );
      expect(ingested.status).toBe(200);
      expect((await fetch(`${victoriaLogs.url}/internal/force_flush`)).ok).toBe(
        true,
      );
      const now = Date.now();
      const res = await request(server)
        .get(`${path(r.entity)}/logs`)
        .query({
          start: String((now - 3600_000) / 1000),
          end: String((now + 60_000) / 1000),
          limit: '1000',
        });
      expect(res.status).toBe(200);
      expect(res.body.scope).toBe(
        `{namespace="${NAMESPACE}",app="${service}"}`,
      );
      expect(res.body.lines.length).toBe(rows.length);
      for (const line of res.body.lines) {
        expect(line.labels).toMatchObject({
          namespace: NAMESPACE,
          app: service,
          pod,
          container: 'service',
        });
      }
      const traced = res.body.lines.filter((l: any) =>
        Object.entries(l.fields ?? {}).some(
          ([key, value]) =>
            /trace_?id$/i.test(key) && value === 'ab'.repeat(16),
        ),
      );
      expect(traced.length).toBeGreaterThan(0);
    },
  );
});
