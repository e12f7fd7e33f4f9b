#!/usr/bin/env node
/* eslint-disable no-console */
// MCP vs REST benchmark: see README.md in this folder.
const { resolve, join } = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { performance } = require('node:perf_hooks');
const { Worker } = require('node:worker_threads');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));

const {
  mockCredentials,
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} = require('@backstage/backend-defaults/alpha');
const {
  catalogServiceMock,
} = require('@backstage/plugin-catalog-node/testUtils');
const mcpActionsPlugin = require('@backstage/plugin-mcp-actions-backend');
const {
  coreServices,
  createServiceFactory,
} = require('@backstage/backend-plugin-api');
const { actionsServiceRef } = require('@backstage/backend-plugin-api/alpha');
const {
  CachingActionsService,
  inProcessActionsRegistryServiceFactory,
  localActionsServiceRef,
} = require('../../packages/backend/src/actions');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
  StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { buildSpecTree, DEFAULT_CORPUS } = require('../specs/tree');
const {
  measure: measureSends,
  servers,
  startInstrumentedService,
} = require('../query-proxy/harness');

const platformPlugin = require(join(repoRoot, 'plugins/platform-backend/src'));
const observabilityPlugin = require(join(
  repoRoot,
  'plugins/observability-backend/src',
));

const CLIENTS = Number(process.env.CLIENTS ?? 20);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const WARMUP = Number(process.env.WARMUP ?? 200);
const FOLDERS = Number(process.env.SPEC_FOLDERS ?? 2000);
const CORPUS = resolve(process.env.SPEC_CORPUS ?? DEFAULT_CORPUS);
const TARGET = 1.2;
// `default` runs Backstage's own actions service (no list cache), to compare;
// otherwise the backend's caching one, timed, with ACTIONS_LIST_TTL_MS (0: no
// cache) if set.
const ACTIONS_SERVICE = process.env.ACTIONS_SERVICE ?? 'caching';
const LIST_TTL_MS = process.env.ACTIONS_LIST_TTL_MS
  ? Number(process.env.ACTIONS_LIST_TTL_MS)
  : undefined;
// `in-process` (the backend's): actions of this backend's plugins are invoked
// in process; `http`: Backstage's registry, every invocation over HTTP.
const INVOKE = process.env.INVOKE ?? 'in-process';
// `worker`: the concurrent rounds' clients run in a worker thread (their own
// event loop, as an agent's would be); `main`: on the backend's event loop.
const CLIENTS_IN = process.env.CLIENTS_IN ?? 'worker';
// PROFILE=N: before the rounds, N calls of each tool one after the other, and
// where their time went (actions.list, actions.invoke, the rest).
const PROFILE = Number(process.env.PROFILE ?? 0);

/** Milliseconds spent in the actions service's list and invoke, per call. */
const spent = { list: [], invoke: [] };
const timed = (kind, work) => async opts => {
  const t0 = performance.now();
  try {
    return await work(opts);
  } finally {
    spent[kind].push(performance.now() - t0);
  }
};
const timedActionsServiceFactory = createServiceFactory({
  service: actionsServiceRef,
  deps: {
    discovery: coreServices.discovery,
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    localActions: localActionsServiceRef,
  },
  factory: ({ localActions, ...deps }) => {
    const inner = new CachingActionsService({
      ...deps,
      localActions: INVOKE === 'http' ? undefined : localActions,
      ttlMs: LIST_TTL_MS,
    });
    return {
      list: timed('list', opts => inner.list(opts)),
      invoke: timed('invoke', opts => inner.invoke(opts)),
    };
  },
});

/**
 * CPU time of the backend's thread (the main thread: the concurrent clients
 * run in a worker unless CLIENTS_IN=main), in ms. Unlike latency under 20
 * clients, it does not move with what else the machine runs.
 */
const backendCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

const mean = values =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;

/** N sequential calls: mean ms per call, and of it in list and invoke. */
async function profile(title, send) {
  spent.list.length = 0;
  spent.invoke.length = 0;
  const calls = [];
  for (let i = 0; i < PROFILE; i++) {
    const t0 = performance.now();
    await send();
    calls.push(performance.now() - t0);
  }
  const call = mean(calls);
  const head = `profile ${title}: ${PROFILE} calls one at a time, mean ${call.toFixed(
    2,
  )} ms a call`;
  if (spent.list.length + spent.invoke.length === 0) {
    console.log(head);
    return;
  }
  const list = mean(spent.list) * (spent.list.length / PROFILE);
  const invoke = mean(spent.invoke) * (spent.invoke.length / PROFILE);
  console.log(
    `${head}: actions.list ${list.toFixed(
      2,
    )} ms, actions.invoke ${invoke.toFixed(2)} ms, the rest ${(
      call -
      list -
      invoke
    ).toFixed(2)} ms (MCP server and transport, auth, JSON-RPC)`,
  );
}
const ENTITY = 'component:default/payments-api';
const ENTITY_PATH = 'component/default/payments-api';
const USER = 'user:default/bench';
const AUTH = mockCredentials.user.header(USER);

const began = performance.now();
/** A progress line on stderr, with the seconds since start. */
const step = what =>
  console.error(
    `[${((performance.now() - began) / 1000).toFixed(1)} s] ${what}`,
  );

/**
 * Warm-up, then rounds alternating REST and MCP; compares the best round of
 * each. `rest` and `mcp` run `total` calls from `CLIENTS` concurrent clients
 * and answer p50, p99, calls/s and failures.
 */
async function compare(title, rest, mcp) {
  console.log(
    `\n${title}: ${CLIENTS} concurrent clients, ${REQUESTS} calls per round`,
  );
  await rest('warm-up', WARMUP);
  await mcp('warm-up', WARMUP);
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, send] of [
      ['rest', rest],
      ['mcp', mcp],
    ]) {
      const cpu0 = backendCpuMs();
      const r = await send(name, REQUESTS);
      r.cpu = (backendCpuMs() - cpu0) / REQUESTS;
      rounds.push(r);
      console.log(
        `round ${round} ${name.padEnd(4)} p50 ${r.p50.toFixed(
          1,
        )} ms  p99 ${r.p99.toFixed(1)} ms  ${r.rps.toFixed(
          0,
        )} calls/s  failures ${r.failures}  backend thread CPU ${r.cpu.toFixed(
          2,
        )} ms a call`,
      );
    }
  }
  const best = (name, key) =>
    Math.min(...rounds.filter(r => r.name === name).map(r => r[key]));
  const ratio = key => best('mcp', key) / best('rest', key);
  const ok = ratio('p50') <= TARGET && ratio('p99') <= TARGET;
  console.log(
    `best of rounds: p50 ${best('mcp', 'p50').toFixed(1)} / ${best(
      'rest',
      'p50',
    ).toFixed(1)} ms = ${ratio('p50').toFixed(2)}x, p99 ${best(
      'mcp',
      'p99',
    ).toFixed(1)} / ${best('rest', 'p99').toFixed(1)} ms = ${ratio(
      'p99',
    ).toFixed(2)}x (target <= ${TARGET}) ${ok ? 'OK' : 'OVER'}`,
  );
  console.log(
    `backend thread CPU a call, best of rounds: ${best('mcp', 'cpu').toFixed(
      2,
    )} / ${best('rest', 'cpu').toFixed(2)} ms = ${ratio('cpu').toFixed(
      2,
    )}x, MCP adds ${(best('mcp', 'cpu') - best('rest', 'cpu')).toFixed(
      2,
    )} ms a call${
      CLIENTS_IN === 'main'
        ? ' (clients on the same thread: includes theirs)'
        : ''
    }`,
  );
  return ok;
}

async function main() {
  const cleanups = [];
  const cleanup = async () => {
    // A server still holding keep-alive connections gets five seconds.
    for (const c of cleanups.reverse()) {
      await Promise.race([c(), new Promise(done => setTimeout(done, 5000))]);
    }
  };
  try {
    // The component's repository: the 2,000-folder spec tree of bench/specs.
    const tmp = fs.mkdtempSync(join(os.tmpdir(), 'mcp-bench-'));
    // Removed on exit: the process ends even when a server closes slowly.
    process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
    const repo = join(tmp, 'repo');
    step(`building ${FOLDERS} spec folders`);
    buildSpecTree(repo, { corpus: CORPUS, folderCount: FOLDERS });
    step('starting the service and Prometheus');
    fs.writeFileSync(join(repo, 'catalog-info.yaml'), 'kind: Component\n');

    // The service and the real Prometheus scraping it.
    const service = await startInstrumentedService({ errorRatio: 0.1 });
    cleanups.push(() => service.close());
    cleanups.push(service.generateTraffic(20));
    const directory = await servers.createServerDirectory();
    cleanups.push(() => directory.remove());
    const prometheus = await servers.startPrometheus({
      binary: servers.observabilityBinaries().prometheus,
      dir: directory.dir,
      targets: [
        {
          job: 'payments-api',
          address: `127.0.0.1:${service.port}`,
          labels: { namespace: 'payments', app: 'payments-api' },
        },
      ],
    });
    cleanups.push(() => prometheus.stop());

    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-api',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${join(
            repo,
            'catalog-info.yaml',
          )}`,
          // Its scope, which the grant below lets team-a's components claim.
          'backstage.io/kubernetes-namespace': 'payments',
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    };
    step('starting the backend');
    const backend = await startTestBackend({
      features: [
        platformPlugin.default,
        observabilityPlugin.default,
        mcpActionsPlugin.default,
        INVOKE === 'http'
          ? actionsRegistryServiceFactory
          : inProcessActionsRegistryServiceFactory,
        ACTIONS_SERVICE === 'default'
          ? actionsServiceFactory
          : timedActionsServiceFactory,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              actions: { pluginSources: ['platform', 'observability'] },
            },
            mcpActions: { name: 'Catalyst' },
            observability: {
              prometheus: {
                instances: [{ name: 'main', baseUrl: prometheus.url }],
              },
              scopes: {
                grants: [{ owners: ['team-a'], namespaces: ['payments'] }],
              },
            },
          },
        }),
      ],
    });
    cleanups.push(() => backend.stop());
    const base = `http://127.0.0.1:${backend.server.address().port}`;
    const rest = (path, init = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: { Authorization: AUTH, ...init.headers },
      });

    step('indexing the specs');
    let t0 = performance.now();
    const refreshed = await rest('/api/platform/specs/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef: ENTITY }),
    });
    if (!refreshed.ok) throw new Error(await refreshed.text());
    const list = await (
      await rest(`/api/platform/specs?entityRef=${ENTITY}&limit=500`)
    ).json();
    console.log(
      `indexed ${list.totalCount} spec folders of ${ENTITY} in ${(
        (performance.now() - t0) /
        1000
      ).toFixed(1)} s`,
    );
    // A spec with a plan and a task id, past the first 15% of the folders.
    let target;
    for (const summary of list.items.slice(
      Math.floor(list.items.length * 0.15),
    )) {
      const detail = await (
        await rest(`/api/platform/specs/${ENTITY_PATH}/${summary.slug}`)
      ).json();
      const task = detail.tasks.find(t => t.id);
      const plan = detail.files.find(f => f.kind === 'plan' && !f.skipped);
      if (task && plan) {
        target = { slug: summary.slug, taskId: task.id, plan: plan.path };
        break;
      }
    }
    if (!target) throw new Error('no spec with a plan and a task id');
    console.log(`spec ${target.slug}, task ${target.taskId}`);

    // 20 MCP clients, each connected once, as agents would be.
    const mcpClients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`${base}/api/mcp-actions/v1`),
          {
            requestInit: { headers: { Authorization: AUTH } },
          },
        ),
      );
      cleanups.push(() => client.close());
      mcpClients.push(client);
    }
    // Each call takes the next session; both sends answer like a fetch Response.
    let turn = 0;
    const tool = (name, args) => async () => {
      const client = mcpClients[turn++ % mcpClients.length];
      const result = await client.callTool({ name, arguments: args });
      return { ok: !result.isError, arrayBuffer: async () => undefined };
    };
    const route =
      (...paths) =>
      async () => {
        let ok = true;
        // The pages read these one after the other.
        for (const path of paths) {
          const res = await rest(path);
          await res.arrayBuffer();
          ok &&= res.ok;
        }
        return { ok, arrayBuffer: async () => undefined };
      };

    await servers.eventually('ten scrapes', async () => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'count_over_time(up[1m]) >= 10',
        )}`,
      );
      return (await res.json()).data.result.length === 1 ? true : undefined;
    });

    const specPath = `/api/platform/specs/${ENTITY_PATH}/${target.slug}`;
    const query =
      'sum(rate(http_request_duration_seconds_count{code=~"5.."}[1m])) / sum(rate(http_request_duration_seconds_count[1m]))';
    const pairs = [
      {
        title: `get-spec-context (slug + task id) vs GET spec + GET plan.md`,
        paths: [specPath, `${specPath}/files/${target.plan}`],
        tool: 'platform.get-spec-context',
        args: { entityRef: ENTITY, slug: target.slug, taskId: target.taskId },
      },
      {
        title: 'query-metrics (instant) vs GET query',
        paths: [
          `/api/observability/entities/${ENTITY_PATH}/query?query=${encodeURIComponent(
            query,
          )}`,
        ],
        tool: 'observability.query-metrics',
        args: { entityRef: ENTITY, query },
      },
    ];
    // PAIRS=query-metrics (or get-spec-context): only the pairs whose tool
    // name holds it.
    if (process.env.PAIRS) {
      const wanted = process.env.PAIRS.split(',');
      pairs.splice(
        0,
        pairs.length,
        ...pairs.filter(p => wanted.some(w => p.tool.includes(w))),
      );
    }
    // The concurrent rounds: `total` calls from CLIENTS clients.
    let rounds;
    if (CLIENTS_IN === 'main') {
      rounds = pairs.map(pair => ({
        rest: (name, total) => measure(name, route(...pair.paths), total),
        mcp: (name, total) => measure(name, tool(pair.tool, pair.args), total),
      }));
    } else {
      const worker = new Worker(join(__dirname, 'clients.js'), {
        workerData: { base, auth: AUTH, clients: CLIENTS, pairs },
      });
      const answers = [];
      worker.on('message', answer => answers.shift()?.(answer));
      worker.on('error', error => {
        console.error(error);
        process.exit(1);
      });
      const ask = message =>
        new Promise(done => {
          answers.push(done);
          if (message) worker.postMessage(message);
        });
      await ask(); // ready: its clients are connected
      cleanups.push(async () => {
        await ask({ kind: 'close' });
        await worker.terminate();
      });
      rounds = pairs.map((_, pair) => ({
        rest: (name, total) => ask({ pair, kind: 'rest', name, total }),
        mcp: (name, total) => ask({ pair, kind: 'mcp', name, total }),
      }));
    }
    console.log(
      `actions service: ${
        ACTIONS_SERVICE === 'default'
          ? "Backstage's default (no list cache)"
          : `the backend's caching one, list TTL ${LIST_TTL_MS ?? 'default'} ms`
      }; invocation: ${
        ACTIONS_SERVICE !== 'default' && INVOKE !== 'http'
          ? 'in process'
          : 'over HTTP'
      }; concurrent clients: ${
        CLIENTS_IN === 'main' ? "on the backend's event loop" : 'in a worker'
      }`,
    );
    if (PROFILE > 0) {
      for (const pair of pairs) {
        await profile(`${pair.title}, REST`, route(...pair.paths));
        await profile(`${pair.title}, MCP`, tool(pair.tool, pair.args));
      }
    }
    let ok = true;
    for (const [i, pair] of pairs.entries()) {
      ok = (await compare(pair.title, rounds[i].rest, rounds[i].mcp)) && ok;
    }
    t0 = performance.now();
    console.log(`\n${ok ? 'OK' : 'OVER'}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
