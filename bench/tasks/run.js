#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark of the platform task queue: enqueue 10,000 no-op tasks, then four
// concurrent workers claim and complete them, on PostgreSQL and on SQLite.
// Counts double claims (must be 0). On PostgreSQL, graphile-worker 0.18 (the
// PostgreSQL job queue most Node teams would pick instead) runs the same load
// in the same run on a database of its own: 10,000 no-op jobs added one at a
// time, then a runner with concurrency 4; every job must run exactly once.
// Run by hand:
//   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://... node bench/tasks/run.js
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const knexFactory = require('knex');
const backend = join(repoRoot, 'plugins/platform-backend');
const { TaskStore } = require(join(backend, 'src/tasks/TaskStore'));

const TASKS = Number(process.env.TASKS ?? 10_000);
const WORKERS = 4;
const BATCH = 25;

async function bench(name, db) {
  await db.migrate.latest({ directory: join(backend, 'migrations') });
  const store = new TaskStore(db);
  const now = new Date();
  let started = Date.now();
  for (let i = 0; i < TASKS; i++) {
    await store.enqueue(
      {
        entityRef: 'component:default/bench',
        taskType: 'noop',
        title: `no-op ${i}`,
        repository: 'acme/bench',
        subject: String(i),
        approvalPolicy: 'auto-merge',
      },
      now,
    );
  }
  const enqueueMs = Date.now() - started;
  const owner = new Map();
  let doubles = 0;
  started = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      for (;;) {
        const claims = await store.claim({
          worker: `w${w}`,
          limit: BATCH,
          leaseMs: 600_000,
          now: new Date(),
        });
        if (!claims.length) return;
        for (const claim of claims) {
          if (owner.has(claim.task.id)) doubles++;
          owner.set(claim.task.id, w);
          if (!(await store.complete(claim, 'done', {}, new Date()))) doubles++;
        }
      }
    }),
  );
  const runMs = Date.now() - started;
  const completed = (await store.list({ status: ['complete'], limit: 1 }))
    .totalCount;
  console.log(
    `${name}: enqueued ${TASKS} in ${enqueueMs} ms (${Math.round(
      (TASKS / enqueueMs) * 1000,
    )}/s); ` +
      `claimed+completed ${completed} with ${WORKERS} workers in ${runMs} ms ` +
      `(${Math.round(
        (completed / runMs) * 1000,
      )}/s); double claims: ${doubles}`,
  );
  await db.destroy();
  return { enqueueMs, runMs };
}

async function benchGraphileWorker(connectionString) {
  const { makeWorkerUtils, run } = require('graphile-worker');
  const utils = await makeWorkerUtils({ connectionString });
  await utils.migrate();
  let started = Date.now();
  for (let i = 0; i < TASKS; i++) {
    await utils.addJob('noop', { subject: String(i) });
  }
  const enqueueMs = Date.now() - started;
  const seen = new Map();
  let duplicates = 0;
  let done;
  const allDone = new Promise(resolvePromise => {
    done = resolvePromise;
  });
  started = Date.now();
  const runner = await run({
    connectionString,
    concurrency: WORKERS,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: new (require('graphile-worker').Logger)(() => () => {}),
    taskList: {
      noop: async (payload, helpers) => {
        const id = helpers.job.id;
        if (seen.has(id)) duplicates++;
        seen.set(id, true);
        if (seen.size === TASKS) done();
      },
    },
  });
  await allDone;
  const runMs = Date.now() - started;
  await runner.stop();
  await utils.release();
  console.log(
    `graphile-worker 0.18 (PostgreSQL): added ${TASKS} in ${enqueueMs} ms (${Math.round(
      (TASKS / enqueueMs) * 1000,
    )}/s); ran ${
      seen.size
    } with concurrency ${WORKERS} in ${runMs} ms (${Math.round(
      (seen.size / runMs) * 1000,
    )}/s); jobs run more than once: ${duplicates}`,
  );
  return { enqueueMs, runMs };
}

async function main() {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (pg) {
    const admin = knexFactory({ client: 'pg', connection: pg });
    const database = `catalyst_bench_tasks_${process.pid}`;
    await admin.raw(`CREATE DATABASE ${database}`);
    const graphileDatabase = `${database}_graphile`;
    await admin.raw(`CREATE DATABASE ${graphileDatabase}`);
    try {
      const catalyst = await bench(
        'PostgreSQL',
        knexFactory({
          client: 'pg',
          connection: `${pg.replace(/\/$/, '')}/${database}`,
          pool: { min: 0, max: WORKERS + 2 },
        }),
      );
      const graphile = await benchGraphileWorker(
        `${pg.replace(/\/$/, '')}/${graphileDatabase}`,
      );
      console.log(
        `Catalyst / graphile-worker on the same PostgreSQL: enqueue throughput ${(
          graphile.enqueueMs / catalyst.enqueueMs
        ).toFixed(2)}x, processing throughput ${(
          graphile.runMs / catalyst.runMs
        ).toFixed(2)}x (target: processing at least 1.00x)`,
      );
    } finally {
      await admin.raw(`DROP DATABASE ${graphileDatabase}`);
      await admin.raw(`DROP DATABASE ${database}`);
      await admin.destroy();
    }
  } else {
    console.log(
      'PostgreSQL: skipped (no BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
    );
  }
  await bench(
    'SQLite',
    knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
