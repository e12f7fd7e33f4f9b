#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark of the platform task queue.
//
// 1. Catalyst against graphile-worker 0.18 (the PostgreSQL job queue most Node
//    teams would pick instead) on the same PostgreSQL in the same run, each on
//    a database of its own: 10,000 no-op tasks enqueued one at a time, then
//    processed with concurrency 4 (Catalyst: four `TaskWorker`s claiming 25 at
//    a time; graphile-worker: a runner with concurrency 4). Every task must
//    run exactly once.
// 2. One, two and four backend replicas (separate processes, one `TaskWorker`
//    each, woken by LISTEN/NOTIFY) on one PostgreSQL database: throughput and
//    double claims (must be 0).
// 3. The same as 1 on an in-memory SQLite (polling; no graphile-worker).
//
// CATALYST_BASELINE=<another checkout> also runs that checkout's TaskStore in
// the same run (claims of 25, one completion per task, as the bench did
// before), for before/after ratios under the same load.
//
// Run by hand:
//   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://... node bench/tasks/run.js
const { fork } = require('node:child_process');
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const knexFactory = require('knex');
const backend = join(repoRoot, 'plugins/platform-backend');
const { TaskStore } = require(join(backend, 'src/tasks/TaskStore'));
const { TaskWorker } = require(join(backend, 'src/tasks/TaskWorker'));
const { TaskBreakerStore } = require(join(
  backend,
  'src/tasks/TaskBreakerStore',
));
const { TaskWakeups } = require(join(backend, 'src/tasks/TaskWakeups'));

const TASKS = Number(process.env.TASKS ?? 10_000);
const WORKERS = 4;
const BATCH = 25;
const REPLICAS = [1, 2, 4];
/** Which parts run: `BENCH_PARTS=replicas` runs the replicas only. */
const PARTS = (process.env.BENCH_PARTS ?? 'graphile,replicas,sqlite').split(
  ',',
);

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silent;
  },
};

const rate = (count, ms) => Math.round((count / ms) * 1000);

function newTask(i) {
  return {
    entityRef: 'component:default/bench',
    taskType: 'noop',
    title: `no-op ${i}`,
    repository: 'acme/bench',
    subject: String(i),
    approvalPolicy: 'auto-merge',
  };
}

function newWorker(db, workerId, onRun) {
  const worker = new TaskWorker({
    store: new TaskStore(db),
    breakers: new TaskBreakerStore(db),
    logger: silent,
    workerId,
    options: {
      batchSize: BATCH,
      leaseMs: 600_000,
      backoff: { baseMs: 1000, capMs: 10_000 },
      breaker: { failureThreshold: 5, cooldownMs: 60_000 },
    },
  });
  worker.addExecutor({
    taskType: 'noop',
    execute: async task => {
      onRun(task.id);
      return { outcome: 'done' };
    },
  });
  return worker;
}

/** Tasks all complete, each with exactly one attempt row. */
async function checkOnce(db) {
  const [{ complete }] = await db('platform_tasks')
    .where({ status: 'complete' })
    .count({ complete: '*' });
  const [{ attempts }] = await db('platform_task_attempts').count({
    attempts: '*',
  });
  return { complete: Number(complete), attempts: Number(attempts) };
}

/** Enqueues one at a time, then runs `process`; prints and returns the times. */
async function bench(name, db, { migrations, Store, process: work }) {
  await db.migrate.latest({ directory: migrations });
  const store = new Store(db);
  const now = new Date();
  let started = Date.now();
  for (let i = 0; i < TASKS; i++) await store.enqueue(newTask(i), now);
  const enqueueMs = Date.now() - started;
  started = Date.now();
  const doubles = await work(db, store);
  const runMs = Date.now() - started;
  const { complete, attempts } = await checkOnce(db);
  console.log(
    `${name}: enqueued ${TASKS} in ${enqueueMs} ms (${rate(
      TASKS,
      enqueueMs,
    )}/s); ran ${complete} in ${runMs} ms (${rate(
      complete,
      runMs,
    )}/s); double claims: ${doubles}; attempt rows: ${attempts}`,
  );
  await db.destroy();
  return { enqueueMs, runMs };
}

/** Now: four TaskWorkers (batched claims and completions) until none is left. */
async function processWithWorkers(db) {
  const runs = new Map();
  const onRun = id => runs.set(id, (runs.get(id) ?? 0) + 1);
  const workers = Array.from({ length: WORKERS }, (_, w) =>
    newWorker(db, `w${w}`, onRun),
  );
  await Promise.all(workers.map(worker => worker.drain()));
  return [...runs.values()].filter(n => n > 1).length;
}

/** Before: claims of 25, one completion per task, straight on the store. */
async function processPerTask(_db, store) {
  const owner = new Map();
  let doubles = 0;
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
  return doubles;
}

async function benchGraphileWorker(connectionString) {
  const { makeWorkerUtils, run, Logger } = require('graphile-worker');
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
    logger: new Logger(() => () => {}),
    taskList: {
      noop: async (_payload, helpers) => {
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
    `graphile-worker 0.18: added ${TASKS} in ${enqueueMs} ms (${rate(
      TASKS,
      enqueueMs,
    )}/s); ran ${seen.size} with concurrency ${WORKERS} in ${runMs} ms (${rate(
      seen.size,
      runMs,
    )}/s); jobs run more than once: ${duplicates}`,
  );
  return { enqueueMs, runMs };
}

/**
 * A replica: one TaskWorker on its own pool, woken by NOTIFY and polling
 * every second; reports the ids it ran when the parent says stop.
 */
async function replica() {
  const db = knexFactory({
    client: 'pg',
    connection: process.env.BENCH_DATABASE,
    pool: { min: 0, max: 4 },
  });
  const ran = [];
  const worker = newWorker(db, `replica-${process.pid}`, id => ran.push(id));
  let wakeups;
  let poll;
  process.on('message', async message => {
    if (message === 'start') {
      wakeups = await TaskWakeups.listen(db, () => worker.wake(), {
        logger: silent,
      });
      poll = setInterval(() => worker.wake(), 1000);
    }
    if (message === 'stop') {
      clearInterval(poll);
      await wakeups?.close();
      await db.destroy();
      process.send({ type: 'ran', ran }, () => process.exit(0));
    }
  });
  process.send({ type: 'ready' });
}

async function benchReplicas(connection, count) {
  const db = knexFactory({
    client: 'pg',
    connection,
    pool: { min: 0, max: 2 },
  });
  await db.migrate.latest({ directory: join(backend, 'migrations') });
  const now = new Date();
  const rows = Array.from({ length: TASKS }, (_, i) => {
    const task = newTask(i);
    return {
      entity_ref: task.entityRef,
      task_type: task.taskType,
      title: task.title,
      status: 'pending',
      repository: task.repository,
      subject: task.subject,
      dedupe_key: JSON.stringify([
        task.repository,
        task.taskType,
        task.subject,
      ]),
      approval_policy: task.approvalPolicy,
      payload: '{}',
      next_run_at: now,
      created_at: now,
      updated_at: now,
    };
  });
  await db.batchInsert('platform_tasks', rows, 1000);
  const children = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((ready, fail) => {
          const child = fork(__filename, ['--replica'], {
            env: { ...process.env, BENCH_DATABASE: connection },
          });
          child.once('error', fail);
          child.once('exit', code =>
            fail(new Error(`a replica exited early with ${code}`)),
          );
          // The node transform also reports the files it loads ({ type: 'watch' }).
          child.on('message', m => m.type === 'ready' && ready(child));
        }),
    ),
  );
  const started = Date.now();
  children.forEach(child => child.send('start'));
  for (;;) {
    const { complete } = await checkOnce(db);
    if (complete === TASKS) break;
    await new Promise(r => setTimeout(r, 100));
  }
  const runMs = Date.now() - started;
  const reports = await Promise.all(
    children.map(
      child =>
        new Promise(done => {
          child.on('message', m => m.type === 'ran' && done(m.ran));
          child.send('stop');
        }),
    ),
  );
  const runs = new Map();
  for (const id of reports.flat()) runs.set(id, (runs.get(id) ?? 0) + 1);
  const doubles = [...runs.values()].filter(n => n > 1).length;
  const { attempts } = await checkOnce(db);
  await db.destroy();
  console.log(
    `${count} replica${count > 1 ? 's' : ''}: ran ${
      runs.size
    } in ${runMs} ms (${rate(TASKS, runMs)}/s; per replica: ${reports
      .map(r => r.length)
      .join(', ')}); double claims: ${doubles}; attempt rows: ${attempts}`,
  );
  return runMs;
}

async function main() {
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const baseline = process.env.CATALYST_BASELINE;
  const now = {
    migrations: join(backend, 'migrations'),
    Store: TaskStore,
    process: processWithWorkers,
  };
  const before = baseline && {
    migrations: join(baseline, 'plugins/platform-backend/migrations'),
    Store: require(join(
      baseline,
      'plugins/platform-backend/src/tasks/TaskStore',
    )).TaskStore,
    process: processPerTask,
  };
  if (pg) {
    const admin = knexFactory({ client: 'pg', connection: pg });
    const database = `catalyst_bench_tasks_${process.pid}`;
    const databases = [
      '',
      '_graphile',
      '_before',
      ...REPLICAS.map(count => `_replicas${count}`),
    ].map(suffix => `${database}${suffix}`);
    const url = name => `${pg.replace(/\/$/, '')}/${name}`;
    for (const name of databases) await admin.raw(`CREATE DATABASE ${name}`);
    const pool = { min: 0, max: WORKERS + 2 };
    try {
      if (PARTS.includes('graphile')) {
        const catalyst = await bench(
          'Catalyst on PostgreSQL',
          knexFactory({ client: 'pg', connection: url(databases[0]), pool }),
          now,
        );
        const graphile = await benchGraphileWorker(url(databases[1]));
        const ratios = (name, times) =>
          console.log(
            `${name} / graphile-worker on the same PostgreSQL: enqueue throughput ${(
              graphile.enqueueMs / times.enqueueMs
            ).toFixed(2)}x, processing throughput ${(
              graphile.runMs / times.runMs
            ).toFixed(2)}x`,
          );
        if (before) {
          ratios(
            'Before (baseline checkout)',
            await bench(
              'Before (baseline checkout) on PostgreSQL',
              knexFactory({
                client: 'pg',
                connection: url(databases[2]),
                pool,
              }),
              before,
            ),
          );
        }
        ratios('Catalyst', catalyst);
        console.log('(target: processing at least 1.00x)');
      }
      if (PARTS.includes('replicas')) {
        const single = await benchReplicas(url(databases[3]), REPLICAS[0]);
        for (const [i, count] of REPLICAS.entries()) {
          if (i === 0) continue;
          const runMs = await benchReplicas(url(databases[3 + i]), count);
          console.log(
            `  ${count} replicas / 1 replica: throughput ${(
              single / runMs
            ).toFixed(2)}x`,
          );
        }
      }
    } finally {
      for (const name of databases) {
        await admin.raw(`DROP DATABASE ${name} WITH (FORCE)`);
      }
      await admin.destroy();
    }
  } else {
    console.log(
      'PostgreSQL: skipped (no BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)',
    );
  }
  if (!PARTS.includes('sqlite')) return;
  const sqlite = () =>
    knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
  if (before) {
    await bench('Before (baseline checkout) on SQLite', sqlite(), before);
  }
  await bench('Catalyst on SQLite', sqlite(), now);
}

if (process.argv.includes('--replica')) {
  replica().catch(error => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
