import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import {
  GithubRateLimitError,
  GithubValidationError,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
} from '@catalyst/plugin-platform-node';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';
import { GITHUB_BREAKER } from './TaskBreakerStore';
import { TaskWorker } from './TaskWorker';

const databases = createTestDatabases();
const T0 = new Date('2026-03-01T10:00:00Z');

async function setUp(
  databaseId: Parameters<typeof databases.init>[0],
  execute: (
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ) => Promise<PlatformTaskExecutionResult>,
) {
  const stores = await createTaskStores(databases, databaseId);
  let now = T0;
  const worker = new TaskWorker({
    ...stores,
    logger: mockServices.logger.mock(),
    workerId: 'w1',
    options: {
      batchSize: 4,
      leaseMs: 60_000,
      backoff: { baseMs: 1000, capMs: 10_000 },
      breaker: { failureThreshold: 2, cooldownMs: 30_000 },
    },
    now: () => now,
    random: () => 0.5,
  });
  const execution = jest.fn(execute);
  worker.addExecutor({ taskType: 'dependency_update', execute: execution });
  return {
    ...stores,
    worker,
    execution,
    advance: (seconds: number) => {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}

const rateLimit = () =>
  new GithubRateLimitError('rate limited', {
    operation: 'pulls.create',
    resetAt: new Date(T0.getTime() + 120_000),
  });

describe.each(databases.eachSupportedId())('TaskWorker on %p', databaseId => {
  it('renews the lease of a long task so that nobody else claims it', async () => {
    const stores = await createTaskStores(databases, databaseId);
    const worker = new TaskWorker({
      ...stores,
      logger: mockServices.logger.mock(),
      workerId: 'slow',
      options: {
        batchSize: 1,
        leaseMs: 3000,
        backoff: { baseMs: 1000, capMs: 10_000 },
        breaker: { failureThreshold: 2, cooldownMs: 30_000 },
      },
    });
    const seenByOthers: number[] = [];
    worker.addExecutor({
      taskType: 'dependency_update',
      execute: async () => {
        // Runs past its first lease; renewals every second keep it held.
        for (let i = 0; i < 4; i++) {
          await new Promise(r => setTimeout(r, 1000));
          const claims = await stores.store.claim({
            worker: 'other',
            limit: 1,
            leaseMs: 3000,
            now: new Date(),
          });
          seenByOthers.push(claims.length);
        }
        return { outcome: 'done' };
      },
    });
    const { task } = await stores.store.enqueue(newTask(), new Date());
    expect(await worker.tick()).toBe(1);
    expect(seenByOthers).toEqual([0, 0, 0, 0]);
    expect(await stores.store.get(task.id)).toMatchObject({
      status: 'complete',
      retryCount: 1,
    });
  });

  it('retries with jittered backoff and opens the breaker after N failures', async () => {
    const { store, breakers, worker, advance } = await setUp(
      databaseId,
      async () => {
        throw new Error('socket hang up');
      },
    );
    const a = await store.enqueue(newTask({ subject: 'a' }), T0);
    await store.enqueue(newTask({ subject: 'b' }), T0);
    await store.enqueue(newTask({ subject: 'c' }), T0);
    expect(await worker.tick()).toBe(3);
    // Full jitter with random 0.5: half of base * 2^0.
    expect((await store.get(a.task.id))?.nextRunAt).toBe(
      new Date(T0.getTime() + 500).toISOString(),
    );
    const [breaker] = await breakers.list();
    expect(breaker).toMatchObject({
      key: 'repo:acme/payments:dependency_update',
      state: 'open',
    });

    advance(10);
    expect(await worker.tick()).toBe(0);
    advance(30);
    // Half open: exactly one probe goes through.
    expect(await worker.tick()).toBe(1);
    expect((await breakers.list())[0].state).toBe('open');
  });

  it('closes the breaker when the probe succeeds; nothing_to_do is no failure', async () => {
    let fail = true;
    const { store, breakers, worker, advance } = await setUp(
      databaseId,
      async () => {
        if (fail) throw new Error('502');
        return { outcome: 'nothing_to_do' };
      },
    );
    await store.enqueue(newTask({ subject: 'a' }), T0);
    await store.enqueue(newTask({ subject: 'b' }), T0);
    await worker.tick();
    expect((await breakers.list())[0].state).toBe('open');
    fail = false;
    advance(31);
    expect(await worker.tick()).toBe(1);
    expect((await breakers.list())[0]).toMatchObject({
      state: 'closed',
      consecutiveFailures: 0,
    });
    expect(await worker.tick()).toBe(1);
    expect(
      (await store.list({ status: ['complete'] })).items.map(t => t.errorClass),
    ).toEqual(['nothing_to_do', 'nothing_to_do']);
    expect((await breakers.list())[0].consecutiveFailures).toBe(0);
  });

  it('pauses all GitHub work on a rate limit until it resets', async () => {
    const { store, breakers, worker, execution, advance } = await setUp(
      databaseId,
      async () => {
        throw rateLimit();
      },
    );
    const a = await store.enqueue(newTask({ subject: 'a' }), T0);
    expect(await worker.tick()).toBe(1);
    expect(await store.get(a.task.id)).toMatchObject({
      status: 'pending',
      errorClass: 'rate_limited',
      nextRunAt: new Date(T0.getTime() + 120_000).toISOString(),
    });
    expect((await breakers.get([GITHUB_BREAKER]))[0]).toMatchObject({
      state: 'open',
      openUntil: new Date(T0.getTime() + 120_000).toISOString(),
    });
    await store.enqueue(newTask({ repository: 'acme/web', subject: 'x' }), T0);
    advance(60);
    expect(await worker.tick()).toBe(0);
    expect(execution).toHaveBeenCalledTimes(1);
    advance(61);
    execution.mockImplementation(async () => ({ outcome: 'done' }));
    expect(await worker.tick()).toBe(1);
    expect((await breakers.get([GITHUB_BREAKER]))[0].state).toBe('closed');
    expect(await worker.tick()).toBe(1);
  });

  it('fails validation errors at once and honours approval policies', async () => {
    const { store, worker, execution } = await setUp(databaseId, async () => {
      throw new GithubValidationError('422', {
        operation: 'git.createRef',
        githubStatus: 422,
        issues: [],
      });
    });
    const bad = await store.enqueue(newTask({ subject: 'bad' }), T0);
    await worker.tick();
    expect(await store.get(bad.task.id)).toMatchObject({
      status: 'failed',
      errorClass: 'not_retryable',
      retryCount: 1,
    });

    execution.mockImplementation(async () => ({ outcome: 'done', diff: '+1' }));
    const held = await store.enqueue(
      newTask({ subject: 'held', approvalPolicy: 'require-approval' }),
      T0,
    );
    const dry = await store.enqueue(
      newTask({ subject: 'dry', approvalPolicy: 'dry-run' }),
      T0,
    );
    await worker.tick();
    expect(await store.get(held.task.id)).toMatchObject({
      status: 'awaiting_approval',
      result: { diff: '+1' },
    });
    expect(await store.get(dry.task.id)).toMatchObject({
      status: 'complete',
      result: { diff: '+1' },
    });
    expect(
      execution.mock.calls.map(([task, ctx]) => [task.subject, ctx.phase]),
    ).toEqual(
      expect.arrayContaining([
        ['held', 'prepare'],
        ['dry', 'prepare'],
      ]),
    );
    await store.approve(held.task.id, T0);
    await worker.tick();
    expect(execution.mock.calls[execution.mock.calls.length - 1][1].phase).toBe(
      'apply',
    );
    expect((await store.get(held.task.id))?.status).toBe('complete');
  });

  it('stops a task whose lease renewal fails before it publishes', async () => {
    const stores = await createTaskStores(databases, databaseId);
    const worker = new TaskWorker({
      ...stores,
      logger: mockServices.logger.mock(),
      workerId: 'cut-off',
      options: {
        batchSize: 1,
        leaseMs: 3000,
        backoff: { baseMs: 1000, capMs: 10_000 },
        breaker: { failureThreshold: 5, cooldownMs: 30_000 },
      },
    });
    // The database is unreachable for renewals: the lease runs out unseen.
    jest
      .spyOn(stores.store, 'renewLease')
      .mockRejectedValue(new Error('connection terminated unexpectedly'));
    const published: number[] = [];
    worker.addExecutor({
      taskType: 'dependency_update',
      execute: async (task, ctx) => {
        await abortedOrAfter(ctx.signal, 5000);
        ctx.signal.throwIfAborted();
        published.push(task.id);
        return { outcome: 'done' };
      },
    });
    const { task } = await stores.store.enqueue(newTask(), new Date());
    expect(await worker.tick()).toBe(1);
    expect(published).toEqual([]);
    expect((await stores.store.get(task.id))?.status).not.toBe('complete');
    const [attempt] = await stores.store.attempts(task.id);
    expect(attempt.error).toContain('The lease could not be renewed');
  });

  it('drains a backlog batch after batch, completing each batch in one write', async () => {
    const { store, worker, execution } = await setUp(databaseId, async () => ({
      outcome: 'done',
    }));
    const completeMany = jest.spyOn(store, 'completeMany');
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        (await store.enqueue(newTask({ subject: `s${i}` }), T0)).task.id,
      );
    }
    expect(await worker.drain()).toBe(10);
    expect(execution).toHaveBeenCalledTimes(10);
    expect(completeMany.mock.calls.map(([batch]) => batch.length)).toEqual([
      4, 4, 2,
    ]);
    // The same write closes the breakers behind the completed tasks.
    expect(completeMany.mock.calls.map(([, , options]) => options)).toEqual([
      { closeBreakers: true },
      { closeBreakers: true },
      { closeBreakers: true },
    ]);
    for (const id of ids) {
      expect(await store.get(id)).toMatchObject({
        status: 'complete',
        retryCount: 1,
      });
      expect((await store.attempts(id)).map(a => a.outcome)).toEqual(['done']);
    }
    expect(await worker.drain()).toBe(0);
  });

  it('looks once more when woken during a drain, instead of draining twice', async () => {
    const nestedDrains: number[] = [];
    const { store, worker, execution } = await setUp(databaseId, async task => {
      if (task.subject === 'first') {
        await store.enqueue(newTask({ subject: 'second' }), T0);
        // The drain under way answers for the wake-up.
        nestedDrains.push(await worker.drain());
        worker.wake();
      }
      return { outcome: 'done' };
    });
    await store.enqueue(newTask({ subject: 'first' }), T0);
    expect(await worker.drain()).toBe(2);
    expect(nestedDrains).toEqual([0]);
    expect(execution.mock.calls.map(([task]) => task.subject)).toEqual([
      'first',
      'second',
    ]);
  });

  it("aborts the running executors when the scheduler aborts the worker's run", async () => {
    const run = new AbortController();
    const { store, worker, execution } = await setUp(
      databaseId,
      async (_task, ctx) => {
        // The scheduler's timeout fires while the executor works.
        run.abort(new Error('timed out'));
        await abortedOrAfter(ctx.signal, 5000);
        ctx.signal.throwIfAborted();
        return { outcome: 'done' };
      },
    );
    const { task } = await store.enqueue(newTask(), T0);
    expect(await worker.tick(run.signal)).toBe(1);
    expect(execution.mock.calls[0][1].signal.aborted).toBe(true);
    expect((await store.get(task.id))?.status).not.toBe('complete');
    // An aborted run claims nothing more.
    await store.enqueue(newTask({ subject: 'next' }), T0);
    expect(await worker.tick(run.signal)).toBe(0);
  });
});

/** Resolves when `signal` aborts, or after `ms` when nothing aborts it. */
function abortedOrAfter(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
