#!/usr/bin/env node
/* eslint-disable no-console */
// A scoped LogsQL query through Catalyst's logs route vs the same query sent straight to
// VictoriaLogs: see README.md.
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const {
  startCatalystProcess,
  paymentsApi,
  PAYMENTS_SCOPES,
  servers,
  compareColumns,
  repoRoot,
} = require('../query-proxy/harness');

const src = join(repoRoot, 'plugins/observability-backend/src/__testUtils__');
const { victoriaLogsBinary, startVictoriaLogs } = require(join(
  src,
  'victoriaLogsServer',
));
const { logsqlStreamFilter } = require(join(
  repoRoot,
  'plugins/observability-common/src',
));

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const LINES = Number(process.env.LINES ?? 50_000);
const QUERIES = {
  // The Logs tab after a search: a phrase, the newest 100 matching lines.
  phrase: { query: '"card processor"', limit: 100 },
  // The Logs tab as it opens: every line of the scope, the newest 1000.
  all: { query: '*', limit: 1000 },
};
const NAME = process.env.QUERY ?? 'phrase';
if (!QUERIES[NAME]) {
  throw new Error(`QUERY must be one of ${Object.keys(QUERIES).join(', ')}`);
}
const COMPONENTS = [
  { namespace: 'payments', app: 'payments-api', errorEvery: 12 },
  { namespace: 'checkout', app: 'checkout-web', errorEvery: 100 },
];

/** LINES demo-like request logs per component, spread over the hour before `end`. */
function rows(component, end) {
  return Array.from({ length: LINES }, (_, i) => {
    const failed = i % component.errorEvery === 0;
    return {
      _time: new Date(end - 3_600_000 + (i * 3_600_000) / LINES).toISOString(),
      _msg: failed
        ? 'request failed: upstream card processor returned 502'
        : 'request served',
      namespace: component.namespace,
      app: component.app,
      level: failed ? 'error' : 'info',
      method: 'GET',
      route: '/work',
      status: failed ? '500' : '200',
      duration_ms: (5 + (i % 40)).toFixed(1),
      trace_id: i.toString(16).padStart(32, '0'),
    };
  });
}

async function main() {
  const dir = await servers.createServerDirectory();
  let victoriaLogs;
  let catalyst;
  try {
    victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: dir.dir,
    });
    const end = Date.now() - 60_000;
    const t0 = performance.now();
    for (const component of COMPONENTS) {
      const all = rows(component, end);
      for (let i = 0; i < all.length; i += 10_000) {
        await victoriaLogs.ingest(all.slice(i, i + 10_000), [
          'namespace',
          'app',
        ]);
      }
    }
    console.log(
      `ingested ${LINES} lines for each of ${
        COMPONENTS.length
      } components in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    catalyst = await startCatalystProcess(
      {
        observability: {
          logs: {
            instances: [
              {
                name: 'bench',
                type: 'victorialogs',
                baseUrl: victoriaLogs.url,
                timeout: '30s',
              },
            ],
          },
          limits: { maxLogLines: 5000 },
          scopes: PAYMENTS_SCOPES,
        },
        entities: [
          paymentsApi({
            'catalyst.dev/observability-labels':
              'namespace=payments,app=payments-api',
          }),
        ],
      },
      { cpuProfileDir: process.env.CPU_PROFILE_DIR },
    );

    const { query, limit } = QUERIES[NAME];
    const window = { start: end - 3_600_000, end };
    const proxied = `${
      catalyst.url
    }/api/observability/entities/component/default/payments-api/logs?${new URLSearchParams(
      {
        query,
        limit: String(limit),
        start: String(window.start / 1000),
        end: String(window.end / 1000),
      },
    )}`;
    // What the backend sends VictoriaLogs for the same request (VictoriaLogsStore).
    const direct = new URLSearchParams({
      query,
      extra_stream_filters: logsqlStreamFilter([
        { name: 'namespace', op: '=', value: 'payments' },
        { name: 'app', op: '=', value: 'payments-api' },
      ]),
      start: new Date(window.start).toISOString(),
      end: new Date(window.end).toISOString(),
      timeout: '30000ms',
      limit: String(limit),
    }).toString();
    const sendDirect = () =>
      fetch(`${victoriaLogs.url}/select/logsql/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: direct,
      });
    const sendProxied = () => fetch(proxied);

    const check = await (await sendProxied()).json();
    const directLines = (await (await sendDirect()).text())
      .split('\n')
      .filter(Boolean).length;
    if (
      check.lines?.length !== limit ||
      directLines !== limit ||
      check.lines.some(l => l.labels.namespace !== 'payments')
    ) {
      throw new Error(
        `unexpected answers: ${directLines} lines direct, through Catalyst ${JSON.stringify(
          check,
        ).slice(0, 300)}`,
      );
    }
    console.log(
      `logs query ${NAME} (${query}, newest ${limit} of the scope's last hour, ${LINES} lines per component): ${CLIENTS} concurrent clients, ${REQUESTS} requests per round`,
    );
    await compareColumns({
      columns: [
        { name: 'direct', send: sendDirect },
        { name: 'catalyst', send: sendProxied },
      ],
      clients: CLIENTS,
      requests: REQUESTS,
    });
  } finally {
    await catalyst?.close();
    await victoriaLogs?.stop();
    await dir.remove();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
