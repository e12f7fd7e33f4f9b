/* eslint-disable no-console */
// Shared by the observability benches: starts Catalyst's observability routes in-process
// behind real HTTP (express, the plugin's own routers and services, SQLite in memory),
// with allow-all auth, permissions and a fixed catalog in place of the Backstage backend.
const { fork } = require('node:child_process');
const { resolve, join } = require('node:path');
const { performance } = require('node:perf_hooks');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));

const express = require('express');
const knexFactory = require('knex');
const { ConfigReader } = require('@backstage/config');
const {
  MiddlewareFactory,
} = require('@backstage/backend-defaults/rootHttpRouter');
const src = join(repoRoot, 'plugins/observability-backend/src');
const { readObservabilityConfig } = require(join(src, 'config'));
const { ObservabilityInstances } = require(join(
  src,
  'instances/ObservabilityInstances',
));
const { ObservedEntities } = require(join(src, 'entities/ObservedEntities'));
const { ScopedQueryService } = require(join(src, 'queries/ScopedQueryService'));
const { ScopedLogService } = require(join(src, 'logStore/ScopedLogService'));
const { GoldenSignalsService } = require(join(
  src,
  'goldenSignals/GoldenSignalsService',
));
const { AlertRuleService } = require(join(src, 'rules/AlertRuleService'));
const { AlertRuleStore } = require(join(src, 'database/AlertRuleStore'));
const { AlertEventStore } = require(join(src, 'database/AlertEventStore'));
const { AlertIntake } = require(join(src, 'alerts/AlertIntake'));
const { ScopedEntityIndex } = require(join(src, 'alerts/ScopedEntityIndex'));
const { IncidentCorrelator } = require(join(
  src,
  'incidents/IncidentCorrelator',
));
const router = require(join(src, 'router'));

const silentLogger = {
  info() {},
  warn: (...a) => console.warn(...a),
  error: (...a) => console.error(...a),
  debug() {},
  child() {
    return silentLogger;
  },
};

/**
 * Starts the observability routes on 127.0.0.1 and resolves to
 * { url, config, services: { rules, intake, events }, close() }.
 */
async function startCatalyst({ observability, entities }) {
  const rootConfig = new ConfigReader({ observability });
  const config = readObservabilityConfig(rootConfig);
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await db.migrate.latest({
    directory: join(repoRoot, 'plugins/observability-backend/migrations'),
  });
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  };
  const catalog = {
    async getEntityByRef(ref) {
      return entities.find(
        e =>
          `${e.kind}:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`.toLowerCase() === ref.toLowerCase(),
      );
    },
    async getEntities() {
      return { items: entities };
    },
  };
  const httpAuth = { credentials: async () => credentials };
  const permissions = {
    authorize: async requests => requests.map(() => ({ result: 'ALLOW' })),
  };
  const auth = { getOwnServiceCredentials: async () => credentials };

  const instances = new ObservabilityInstances(config);
  const index = new ScopedEntityIndex({
    catalog,
    auth,
    logger: silentLogger,
    scopes: config.scopes,
  });
  const entitiesAccess = new ObservedEntities({
    catalog,
    permissions,
    instances,
    scopes: config.scopes,
    index,
  });
  const goldenSignals = new GoldenSignalsService(instances, config);
  const ruleStore = new AlertRuleStore(db);
  const events = new AlertEventStore(db);
  const rules = new AlertRuleService({ store: ruleStore, instances, config });
  const intake = new AlertIntake({ store: events, index });
  const correlator = new IncidentCorrelator({
    events,
    instances,
    goldenSignals,
    config,
  });

  const api = express.Router();
  api.use(
    router.createWebhookRouter({ intake, secret: config.webhook.secret }),
  );
  api.use(
    router.createQueryRouter({
      httpAuth,
      entities: entitiesAccess,
      queries: new ScopedQueryService(instances, config.limits),
      goldenSignals,
      config,
    }),
  );
  api.use(
    router.createAlertsRouter({
      httpAuth,
      entities: entitiesAccess,
      events,
      instances,
      correlator,
    }),
  );
  api.use(
    router.createRulesRouter({ httpAuth, entities: entitiesAccess, rules }),
  );
  api.use(
    router.createLogsRouter({
      httpAuth,
      entities: entitiesAccess,
      logs: new ScopedLogService(instances, config.limits, config.tracing),
      config,
    }),
  );
  const app = express();
  app.use('/api/observability', api);
  app.use(
    MiddlewareFactory.create({
      config: rootConfig,
      logger: silentLogger,
    }).error(),
  );
  const server = await new Promise(done => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  server.keepAliveTimeout = 60_000;
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    config,
    services: { rules, intake, events },
    async close() {
      server.closeAllConnections();
      await new Promise(done => server.close(done));
      await db.destroy();
    },
  };
}

/** The test helpers that start real Prometheus and Alertmanager processes. */
const servers = require(join(src, '__testUtils__/observabilityServers'));
const { startInstrumentedService } = require(join(
  repoRoot,
  'plugins/observability-backend/dev/instrumentedService',
));

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** `total` requests from `clients` concurrent clients: p50, p99, throughput, failures. */
async function measure(name, send, clients, total) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next += 1;
        const t0 = performance.now();
        const res = await send();
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!res.ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: total / seconds,
    failures,
  };
}

/**
 * Runs `startCatalyst` in a child Node process, as the backend runs in production, so the
 * bench's clients do not share its event loop (prom-label-proxy, Prometheus and VictoriaLogs
 * are separate processes too). `cpuProfileDir` writes a V8 CPU profile there on close.
 */
async function startCatalystProcess(options, { cpuProfileDir } = {}) {
  const child = fork(__filename, ['--catalyst-child'], {
    execArgv: cpuProfileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`]
      : [],
    env: { ...process.env, CATALYST_BENCH_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise(done => child.once('exit', done));
  const url = await new Promise((done, fail) => {
    // Backstage's dev tooling talks to a parent process over IPC too: only our answer counts.
    child.on('message', m => {
      if (m?.url) done(m.url);
      else if (m?.error) fail(new Error(`Catalyst: ${m.error}`));
    });
    exited.then(code => fail(new Error(`Catalyst exited with ${code}`)));
  });
  return {
    url,
    async close() {
      child.send('close');
      await exited;
    },
  };
}

if (process.argv[2] === '--catalyst-child') {
  startCatalyst(JSON.parse(process.env.CATALYST_BENCH_OPTIONS)).then(
    catalyst => {
      process.once('message', async () => {
        await catalyst.close();
        process.disconnect();
      });
      process.send({ url: catalyst.url });
    },
    error => {
      process.send({ error: String(error?.stack ?? error) });
      process.exitCode = 1;
      process.disconnect();
    },
  );
}

/** The benches' entity, owned by payments-team, which PAYMENTS_SCOPES grants namespace payments. */
function paymentsApi(annotations) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default', annotations },
    spec: { owner: 'group:default/payments-team' },
  };
}
const PAYMENTS_SCOPES = {
  grants: [
    { owners: ['group:default/payments-team'], namespaces: ['payments'] },
  ],
};

const fmt = n => n.toFixed(1);

/**
 * Warms every column up, runs `rounds` rounds alternating the columns, prints each, and
 * compares the best round of Catalyst with the best of every other column: p50 and p99
 * (lower is better) and throughput (higher is better), against `target`.
 */
async function compareColumns({
  columns,
  clients,
  requests,
  rounds = Number(process.env.ROUNDS ?? 2),
  target = 1.15,
}) {
  for (const { name, send } of columns) {
    await measure(`warm-up ${name}`, send, clients, 200);
  }
  const results = [];
  const width = Math.max(...columns.map(c => c.name.length));
  for (let round = 1; round <= rounds; round++) {
    for (const { name, send } of columns) {
      const r = await measure(name, send, clients, requests);
      results.push(r);
      console.log(
        `round ${round} ${name.padEnd(width)} p50 ${fmt(r.p50)} ms  p99 ${fmt(
          r.p99,
        )} ms  ${r.rps.toFixed(0)} req/s  failures ${r.failures}`,
      );
    }
  }
  const best = name => {
    const mine = results.filter(r => r.name === name);
    return {
      p50: Math.min(...mine.map(r => r.p50)),
      p99: Math.min(...mine.map(r => r.p99)),
      rps: Math.max(...mine.map(r => r.rps)),
    };
  };
  const catalyst = best('catalyst');
  let ok = true;
  for (const { name, target: columnTarget = target } of columns) {
    if (name === 'catalyst') continue;
    const other = best(name);
    const p50 = catalyst.p50 / other.p50;
    const p99 = catalyst.p99 / other.p99;
    const rps = catalyst.rps / other.rps;
    const met = p50 <= columnTarget && p99 <= columnTarget;
    ok &&= met;
    console.log(
      `best of rounds, catalyst / ${name}: p50 ${fmt(catalyst.p50)} / ${fmt(
        other.p50,
      )} ms = ${p50.toFixed(2)}x, p99 ${fmt(catalyst.p99)} / ${fmt(
        other.p99,
      )} ms = ${p99.toFixed(2)}x, throughput ${catalyst.rps.toFixed(
        0,
      )} / ${other.rps.toFixed(0)} req/s = ${rps.toFixed(
        2,
      )}x (target <= ${columnTarget.toFixed(2)}x latency) ${
        met ? 'OK' : 'OVER'
      }`,
    );
  }
  return ok;
}

module.exports = {
  startCatalyst,
  servers,
  startInstrumentedService,
  percentile,
  measure,
  compareColumns,
  startCatalystProcess,
  paymentsApi,
  PAYMENTS_SCOPES,
  repoRoot,
};
