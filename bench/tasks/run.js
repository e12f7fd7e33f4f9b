#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark of the platform task queue: enqueue 10,000 no-op tasks, then four
// concurrent workers claim and complete them, on PostgreSQL and on SQLite.
// Counts double claims (must be 0). Run by hand:
//   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://... node bench/tasks/run.js
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const knexFactory = require('knex');
const backend = join(repoRoot, 'plugins/platform-backend');
const { TaskStore } = require(join(backend, 'src/database/TaskStore'));

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
}

async function main() {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (pg) {
    const admin = knexFactory({ client: 'pg', connection: pg });
    const database = `catalyst_bench_tasks_${process.pid}`;
    await admin.raw(`CREATE DATABASE ${database}`);
    try {
      await bench(
        'PostgreSQL',
        knexFactory({
          client: 'pg',
          connection: `${pg.replace(/\/$/, '')}/${database}`,
          pool: { min: 0, max: WORKERS + 2 },
        }),
      );
    } finally {
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
