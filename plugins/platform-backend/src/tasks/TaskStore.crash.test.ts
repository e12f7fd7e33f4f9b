import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';

const databases = createTestDatabases();
const LEASE_MS = 2_000;

jest.setTimeout(60_000);

type Claimed = { id: number; attempt: number }[];

/** Runs a worker process that claims a task, then kills it with SIGKILL. */
async function crashingWorker(connection: unknown): Promise<Claimed> {
  const child = fork(resolve(__dirname, '../__testUtils__/claimAndHang.ts'), {
    execArgv: [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: {
      ...process.env,
      CATALYST_TASK_DB: JSON.stringify({ client: 'pg', connection }),
      CATALYST_TASK_LEASE_MS: String(LEASE_MS),
    },
    stdio: 'inherit',
  });
  const message = await new Promise<{ claimed?: Claimed; error?: string }>(
    (done, fail) => {
      // The node transform also reports the files it loads ({ type: 'watch' }).
      child.on('message', m => {
        const reply = m as { claimed?: Claimed; error?: string };
        if (reply.claimed || reply.error) done(reply);
      });
      child.once('exit', code => fail(new Error(`worker exited with ${code}`)));
    },
  );
  const exited = new Promise(done =>
    child.once('exit', (_c, signal) => done(signal)),
  );
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  if (message.error) throw new Error(message.error);
  return message.claimed!;
}

describe('a worker process killed mid-task', () => {
  it('loses the task to another worker once its lease expires; it completes once', async () => {
    const { knex, store } = await createTaskStores(databases, 'POSTGRES_15');
    const { task } = await store.enqueue(
      newTask({ maxRetries: 3 }),
      new Date(),
    );

    const claimed = await crashingWorker(knex.client.config.connection);
    expect(claimed).toEqual([{ id: task.id, attempt: 1 }]);
    expect(
      await store.claim({
        worker: 'survivor',
        limit: 1,
        leaseMs: LEASE_MS,
        now: new Date(),
      }),
    ).toEqual([]);

    const later = new Date(Date.now() + LEASE_MS + 1000);
    const [reclaimed] = await store.claim({
      worker: 'survivor',
      limit: 1,
      leaseMs: LEASE_MS,
      now: later,
    });
    expect(reclaimed).toMatchObject({ worker: 'survivor', attempt: 2 });
    expect(await store.complete(reclaimed, 'done', {}, later)).toBe(true);
    expect(await store.complete(reclaimed, 'done', {}, later)).toBe(false);

    const attempts = await store.attempts(task.id);
    expect(attempts.map(a => a.outcome)).toEqual(['lease_expired', 'done']);
    expect(attempts.filter(a => a.outcome === 'done')).toHaveLength(1);
    expect(await store.get(task.id)).toMatchObject({
      status: 'complete',
      retryCount: 2,
    });
  });

  it('fails the task when crashes spend its whole budget', async () => {
    const { knex, store } = await createTaskStores(databases, 'POSTGRES_15');
    const { task } = await store.enqueue(
      newTask({ maxRetries: 2 }),
      new Date(),
    );
    const connection = knex.client.config.connection;

    expect(await crashingWorker(connection)).toEqual([
      { id: task.id, attempt: 1 },
    ]);
    await new Promise(r => setTimeout(r, LEASE_MS + 200));
    expect(await crashingWorker(connection)).toEqual([
      { id: task.id, attempt: 2 },
    ]);
    await new Promise(r => setTimeout(r, LEASE_MS + 200));
    expect(await crashingWorker(connection)).toEqual([]);

    const failed = await store.get(task.id);
    expect(failed).toMatchObject({
      status: 'failed',
      retryCount: 2,
      maxRetries: 2,
    });
    expect((await store.attempts(task.id)).map(a => a.outcome)).toEqual([
      'lease_expired',
      'lease_expired',
    ]);
  });
});
