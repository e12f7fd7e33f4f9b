/* eslint-disable no-console */
// Shared by the observability benches: starts Catalyst's observability routes in-process
// behind real HTTP (express, the plugin's own routers and services, SQLite in memory),
// with allow-all auth, permissions and a fixed catalog in place of the Backstage backend.
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
  const entitiesAccess = new ObservedEntities({
    catalog,
    permissions,
    instances,
    labelMapping: config.labelMapping,
  });
  const goldenSignals = new GoldenSignalsService(instances, config);
  const ruleStore = new AlertRuleStore(db);
  const events = new AlertEventStore(db);
  const rules = new AlertRuleService({ store: ruleStore, instances, config });
  const intake = new AlertIntake({
    store: events,
    index: new ScopedEntityIndex({
      catalog,
      auth,
      logger: silentLogger,
      labelMapping: config.labelMapping,
    }),
  });
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
 * Warms both up, runs two rounds alternating direct and through Catalyst, prints each, and
 * compares the best round of each against the 1.15 target.
 */
async function compareWithDirect({ direct, catalyst, clients, requests }) {
  await measure('warm-up direct', direct, clients, 200);
  await measure('warm-up catalyst', catalyst, clients, 200);
  const rounds = [];
  for (let round = 1; round <= 2; round++) {
    for (const [name, send] of [
      ['direct', direct],
      ['catalyst', catalyst],
    ]) {
      const r = await measure(name, send, clients, requests);
      rounds.push(r);
      console.log(
        `round ${round} ${name.padEnd(8)} p50 ${r.p50.toFixed(
          1,
        )} ms  p99 ${r.p99.toFixed(1)} ms  ${r.rps.toFixed(
          0,
        )} req/s  failures ${r.failures}`,
      );
    }
  }
  const best = (name, key) =>
    Math.min(...rounds.filter(r => r.name === name).map(r => r[key]));
  const ratio = key => best('catalyst', key) / best('direct', key);
  const ok = ratio('p50') <= 1.15 && ratio('p99') <= 1.15;
  console.log(
    `best of rounds: p50 ${best('catalyst', 'p50').toFixed(1)} / ${best(
      'direct',
      'p50',
    ).toFixed(1)} ms = ${ratio('p50').toFixed(2)}x, p99 ${best(
      'catalyst',
      'p99',
    ).toFixed(1)} / ${best('direct', 'p99').toFixed(1)} ms = ${ratio(
      'p99',
    ).toFixed(2)}x (target <= 1.15) ${ok ? 'OK' : 'OVER'}`,
  );
}

module.exports = {
  startCatalyst,
  servers,
  startInstrumentedService,
  percentile,
  measure,
  compareWithDirect,
  repoRoot,
};
