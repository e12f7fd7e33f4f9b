#!/usr/bin/env node
/* eslint-disable no-console */
// query_range through Catalyst's observability routes vs straight to Prometheus: see README.md.
const { execFileSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const {
  startCatalystProcess,
  paymentsApi,
  PAYMENTS_SCOPES,
  servers,
  compareColumns,
  repoRoot,
} = require('./harness');
const { startPromLabelProxy } = require('./promLabelProxy');

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const HOURS = Number(process.env.HOURS ?? 6);
const BUCKETS = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.1',
  '0.25',
  '0.5',
  '1',
  '2.5',
  '5',
  '+Inf',
];
const QUERIES = {
  traffic: 'sum(rate(http_request_duration_seconds_count[5m]))',
  latency:
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
};
const NAMESPACES = ['payments', 'checkout', 'billing', 'search'];
const PODS = 5;

/** OpenMetrics text of HOURS of request histograms (15s resolution) for promtool to backfill. */
function openMetrics(end) {
  const lines = ['# TYPE http_request_duration_seconds histogram'];
  const steps = (HOURS * 3600) / 15;
  for (const namespace of NAMESPACES) {
    for (let pod = 0; pod < PODS; pod++) {
      for (const code of ['200', '500']) {
        const labels = `namespace="${namespace}",pod="p${pod}",code="${code}"`;
        const perStep = code === '200' ? 150 : 3;
        for (const [i, le] of BUCKETS.entries()) {
          const share = Math.min(1, (i + 1) / 8);
          for (let s = 0; s <= steps; s++) {
            const t = end - (steps - s) * 15;
            lines.push(
              `http_request_duration_seconds_bucket{${labels},le="${le}"} ${Math.round(
                s * perStep * share,
              )} ${t}`,
            );
          }
        }
        for (let s = 0; s <= steps; s++) {
          lines.push(
            `http_request_duration_seconds_count{${labels}} ${s * perStep} ${
              end - (steps - s) * 15
            }`,
          );
        }
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

async function main() {
  const { prometheus: binary, promtool } = servers.observabilityBinaries();
  const dir = await servers.createServerDirectory();
  let prometheus;
  let catalyst;
  let labelProxy;
  try {
    const end = Math.floor(Date.now() / 1000) - 60;
    const data = join(dir.dir, 'prometheus', 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(dir.dir, 'input.om'), openMetrics(end));
    const t0 = performance.now();
    execFileSync(
      promtool,
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        join(dir.dir, 'input.om'),
        data,
      ],
      { stdio: 'ignore' },
    );
    const series = NAMESPACES.length * PODS * 2 * (BUCKETS.length + 1);
    console.log(
      `backfilled ${series} series x ${HOURS}h at 15s in ${(
        (performance.now() - t0) /
        1000
      ).toFixed(1)} s`,
    );
    prometheus = await servers.startPrometheus({
      binary,
      dir: dir.dir,
      targets: [],
      scrapeInterval: '15s',
    });
    catalyst = await startCatalystProcess(
      {
        observability: {
          prometheus: {
            instances: [
              { name: 'bench', baseUrl: prometheus.url, timeout: '30s' },
            ],
          },
          scopes: PAYMENTS_SCOPES,
        },
        entities: [
          paymentsApi({ 'backstage.io/kubernetes-namespace': 'payments' }),
        ],
      },
      { cpuProfileDir: process.env.CPU_PROFILE_DIR },
    );
    labelProxy = await startPromLabelProxy({
      repoRoot,
      upstream: prometheus.url,
      label: 'namespace',
      value: 'payments',
    });

    const range = {
      start: String(end - HOURS * 3600),
      end: String(end),
      step: '60',
    };
    // QUERY=traffic or QUERY=latency runs one of the two.
    for (const [name, query] of Object.entries(QUERIES)) {
      if (process.env.QUERY && process.env.QUERY !== name) continue;
      const scoped = query.replace(
        /_(count|bucket)\[/,
        '_$1{namespace="payments"}[',
      );
      const direct = `${
        prometheus.url
      }/api/v1/query_range?${new URLSearchParams({
        query: scoped,
        ...range,
      })}`;
      const viaLabelProxy = `${
        labelProxy.url
      }/api/v1/query_range?${new URLSearchParams({ query, ...range })}`;
      const proxied = `${
        catalyst.url
      }/api/observability/entities/component/default/payments-api/query_range?${new URLSearchParams(
        { query, ...range },
      )}`;

      const check = await (await fetch(proxied)).json();
      const checkLabelProxy = await (await fetch(viaLabelProxy)).json();
      if (
        check.query?.query !== scoped ||
        check.series[0].values.length < HOURS * 60 * 0.9 ||
        checkLabelProxy.data?.result?.[0]?.values?.length !==
          check.series[0].values.length
      ) {
        throw new Error(
          `unexpected answers: through Catalyst ${JSON.stringify(check).slice(
            0,
            300,
          )}, through prom-label-proxy ${JSON.stringify(checkLabelProxy).slice(
            0,
            300,
          )}`,
        );
      }
      console.log(
        `\nquery_range ${name} (${
          name === 'traffic' ? 'light' : 'heavy'
        }: ${query}): ${HOURS}h at step 60s (${
          HOURS * 60 + 1
        } points), ${CLIENTS} concurrent clients, ${REQUESTS} requests per round`,
      );
      await compareColumns({
        columns: [
          { name: 'direct', send: () => fetch(direct), target: 1.15 },
          {
            name: 'prom-label-proxy',
            send: () => fetch(viaLabelProxy),
            target: 1.0,
          },
          { name: 'catalyst', send: () => fetch(proxied) },
        ],
        clients: CLIENTS,
        requests: REQUESTS,
      });
    }
  } finally {
    await catalyst?.close();
    await labelProxy?.stop();
    await prometheus?.stop();
    await dir.remove();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
