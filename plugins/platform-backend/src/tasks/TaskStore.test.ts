import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';
import { TaskStore } from './TaskStore';

const databases = createTestDatabases();

const T0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE = 60_000;

/** `worker` claims up to `limit` due tasks at `now`, with the test lease. */
const claimAs = (store: TaskStore, worker: string, now: Date, limit = 1) =>
  store.claim({ worker, limit, leaseMs: LEASE, now });

describe.each(databases.eachSupportedId())('TaskStore on %p', databaseId => {
  it('claims a due task once, with a lease and a counted attempt', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task, created } = await store.enqueue(newTask(), T0);
    expect(created).toBe(true);
    expect(task).toMatchObject({
      status: 'pending',
      retryCount: 0,
      maxRetries: 3,
    });

    const [claim] = await claimAs(store, 'w1', T0, 5);
    expect(claim).toMatchObject({ worker: 'w1', attempt: 1 });
    expect(claim.task).toMatchObject({
      status: 'in_progress',
      leaseOwner: 'w1',
      leaseExpiresAt: at(60).toISOString(),
      retryCount: 1,
    });
    expect(await claimAs(store, 'w2', at(30), 5)).toEqual([]);

    expect(
      await store.complete(claim, 'done', { linkedPr: { number: 7 } }, at(40)),
    ).toBe(true);
    const done = await store.get(task.id);
    expect(done).toMatchObject({
      status: 'complete',
      linkedPrNumber: 7,
      completedAt: at(40).toISOString(),
    });
    expect(await store.attempts(task.id)).toEqual([
      expect.objectContaining({ attempt: 1, worker: 'w1', outcome: 'done' }),
    ]);
  });

  it('reclaims a task whose lease expired and fences off the old worker', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task } = await store.enqueue(newTask(), T0);
    const [first] = await claimAs(store, 'w1', T0);
    expect(await claimAs(store, 'w2', at(59))).toEqual([]);
    const [second] = await claimAs(store, 'w2', at(61));
    expect(second).toMatchObject({ worker: 'w2', attempt: 2 });

    expect(await store.renewLease(first, LEASE, at(62))).toBe(false);
    expect(await store.complete(first, 'done', {}, at(62))).toBe(false);
    expect(await store.complete(second, 'done', {}, at(63))).toBe(true);
    expect((await store.get(task.id))?.status).toBe('complete');
    expect(
      (await store.attempts(task.id)).map(a => [
        a.attempt,
        a.worker,
        a.outcome,
      ]),
    ).toEqual([
      [1, 'w1', 'lease_expired'],
      [2, 'w2', 'done'],
    ]);
  });

  it('spends the attempt budget monotonically, even when workers die', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task } = await store.enqueue(newTask({ maxRetries: 2 }), T0);
    await claimAs(store, 'w1', T0);
    const [second] = await claimAs(store, 'w2', at(61));
    expect(second.attempt).toBe(2);
    // The second worker dies too: the budget is spent and the task fails.
    expect(await claimAs(store, 'w3', at(200))).toEqual([]);
    const failed = await store.get(task.id);
    expect(failed).toMatchObject({ status: 'failed', retryCount: 2 });
    expect(failed?.lastError).toMatch(/budget exhausted/);

    // Re-enqueueing the key returns the failed task, unless asked explicitly.
    expect(await store.enqueue(newTask({ maxRetries: 2 }), at(300))).toEqual({
      task: failed,
      created: false,
    });
    const fresh = await store.enqueue(newTask({ afterFailure: true }), at(300));
    expect(fresh.created).toBe(true);
    expect(fresh.task.retryCount).toBe(0);
  });

  it('keeps one open task per repository, type and subject', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const first = await store.enqueue(newTask(), T0);
    const again = await store.enqueue(newTask({ title: 'Other title' }), at(1));
    expect(again).toEqual({ task: first.task, created: false });
    const [claim] = await claimAs(store, 'w1', at(2));
    expect((await store.enqueue(newTask(), at(3))).task.id).toBe(first.task.id);
    const other = await store.enqueue(newTask({ subject: 'react' }), at(3));
    expect(other.created).toBe(true);

    await store.complete(claim, 'done', {}, at(4));
    const next = await store.enqueue(newTask(), at(5));
    expect(next.created).toBe(true);
    expect(next.task.id).not.toBe(first.task.id);
  });

  it('creates one task when replicas enqueue the same key at once', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        store.enqueue(newTask({ title: `Update ${i}` }), T0),
      ),
    );
    expect(results.filter(r => r.created)).toHaveLength(1);
    expect(new Set(results.map(r => r.task.id)).size).toBe(1);
    expect((await store.list({})).totalCount).toBe(1);
  });

  it('schedules retries and fails for good on a non-retryable error', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task } = await store.enqueue(newTask(), T0);
    const [claim] = await claimAs(store, 'w1', T0);
    expect(
      await store.fail(
        claim,
        { errorClass: 'retryable', message: 'boom', retryAt: at(90) },
        at(1),
      ),
    ).toBe('pending');
    expect(await store.get(task.id)).toMatchObject({
      status: 'pending',
      nextRunAt: at(90).toISOString(),
      errorClass: 'retryable',
      lastError: 'boom',
    });
    expect(await claimAs(store, 'w1', at(89))).toEqual([]);
    const [retry] = await claimAs(store, 'w1', at(90));
    expect(retry.attempt).toBe(2);
    expect(
      await store.fail(
        retry,
        { errorClass: 'not_retryable', message: '422' },
        at(91),
      ),
    ).toBe('failed');
    expect((await store.get(task.id))?.status).toBe('failed');

    // A manual retry reopens it with one more attempt; the count stays.
    const reopened = await store.retry(task.id, at(100));
    expect(reopened).toMatchObject({
      status: 'pending',
      retryCount: 2,
      maxRetries: 3,
    });
  });

  it('fails the last attempt for good', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task } = await store.enqueue(newTask({ maxRetries: 1 }), T0);
    const [claim] = await claimAs(store, 'w1', T0);
    expect(
      await store.fail(
        claim,
        { errorClass: 'retryable', message: 'boom', retryAt: at(5) },
        at(1),
      ),
    ).toBe('failed');
    expect(await claimAs(store, 'w1', at(10))).toEqual([]);
    expect((await store.get(task.id))?.retryCount).toBe(1);
  });

  it('holds a prepared change for approval, then runs it again', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task } = await store.enqueue(
      newTask({ approvalPolicy: 'require-approval', maxRetries: 1 }),
      T0,
    );
    const [claim] = await claimAs(store, 'w1', T0);
    await store.holdForApproval(claim, { diff: '+lodash@4.17.21' }, at(1));
    expect(await store.get(task.id)).toMatchObject({
      status: 'awaiting_approval',
      result: { diff: '+lodash@4.17.21' },
    });
    expect(await claimAs(store, 'w1', at(2))).toEqual([]);

    const approved = await store.approve(task.id, at(3));
    expect(approved).toMatchObject({
      status: 'pending',
      approvedAt: at(3).toISOString(),
      maxRetries: 2,
    });
    const [apply] = await claimAs(store, 'w1', at(3));
    expect(apply.attempt).toBe(2);
    await expect(store.approve(task.id, at(4))).rejects.toThrow(/in_progress/);
  });

  it('cancels open tasks only, and says which task is missing', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const { task } = await store.enqueue(newTask(), T0);
    const [claim] = await claimAs(store, 'w1', T0);
    expect((await store.cancel(task.id, at(1))).status).toBe('cancelled');
    expect(await store.complete(claim, 'done', {}, at(2))).toBe(false);
    await expect(store.cancel(task.id, at(3))).rejects.toThrow(/is cancelled/);
    await expect(store.cancel(9999, at(3))).rejects.toThrow(
      /No task with id 9999/,
    );
  });

  it('lists with filters and paging', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    for (const subject of ['a', 'b', 'c']) {
      await store.enqueue(newTask({ subject }), T0);
    }
    await store.enqueue(
      newTask({ taskType: 'lint_autofix', repository: 'acme/web' }),
      T0,
    );
    const page = await store.list({ taskType: 'dependency_update', limit: 2 });
    expect(page.totalCount).toBe(3);
    expect(page.items.map(t => t.subject)).toEqual(['c', 'b']);
    expect((await store.list({ repository: 'acme/web' })).items).toHaveLength(
      1,
    );
    expect((await store.list({ status: ['complete'] })).totalCount).toBe(0);
  });

  it('completes a batch in one call: each task once, with its attempt closed, none whose lease was lost', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    const ids: number[] = [];
    for (const subject of ['a', 'b', 'c']) {
      ids.push((await store.enqueue(newTask({ subject }), T0)).task.id);
    }
    const batch = await claimAs(store, 'w1', T0, 3);
    expect(batch.map(c => c.task.id)).toEqual(ids);
    const lost = batch[1];
    // w1 renews a and c but stalls on b past its lease: w2 takes b mid-batch.
    expect(await store.renewLease(batch[0], LEASE, at(50))).toBe(true);
    expect(await store.renewLease(batch[2], LEASE, at(50))).toBe(true);
    const [taken] = await claimAs(store, 'w2', at(61));
    expect(taken).toMatchObject({ worker: 'w2', attempt: 2 });
    expect(taken.task.id).toBe(lost.task.id);

    expect(
      await store.completeMany(
        [
          { claim: batch[0], outcome: 'done', result: { summary: 'a' } },
          { claim: lost, outcome: 'done', result: { summary: 'b' } },
          {
            claim: batch[2],
            outcome: 'nothing_to_do',
            result: { linkedPr: { number: 9 } },
          },
          // The same completion twice completes the task once.
          { claim: batch[0], outcome: 'done', result: { summary: 'a' } },
        ],
        at(62),
      ),
    ).toEqual([true, false, true, false]);
    expect(await store.get(ids[0])).toMatchObject({
      status: 'complete',
      result: { summary: 'a' },
      completedAt: at(62).toISOString(),
      leaseOwner: undefined,
    });
    expect(await store.get(ids[2])).toMatchObject({
      status: 'complete',
      errorClass: 'nothing_to_do',
      linkedPrNumber: 9,
    });
    // Task b is w2's: untouched by w1's batch, and completed by w2 once.
    expect(await store.get(lost.task.id)).toMatchObject({
      status: 'in_progress',
      leaseOwner: 'w2',
      retryCount: 2,
    });
    expect(await store.completeMany([], at(63))).toEqual([]);
    expect(
      await store.completeMany(
        [{ claim: taken, outcome: 'done', result: {} }],
        at(63),
      ),
    ).toEqual([true]);
    expect(
      await store.completeMany(
        [{ claim: taken, outcome: 'done', result: {} }],
        at(64),
      ),
    ).toEqual([false]);

    const attempts = async (id: number) =>
      (await store.attempts(id)).map(a => [a.attempt, a.worker, a.outcome]);
    expect(await attempts(ids[0])).toEqual([[1, 'w1', 'done']]);
    expect(await attempts(lost.task.id)).toEqual([
      [1, 'w1', 'lease_expired'],
      [2, 'w2', 'done'],
    ]);
    expect(await attempts(ids[2])).toEqual([[1, 'w1', 'nothing_to_do']]);
  });

  it('closes the breakers behind the tasks a batch completes, when asked to', async () => {
    const { store, breakers } = await createTaskStores(databases, databaseId);
    const policy = { failureThreshold: 5, cooldownMs: 60_000 };
    for (const key of [
      'repo:acme/payments:dependency_update',
      'repo:acme/other:dependency_update',
      'github',
    ]) {
      await breakers.recordFailure(key, { now: T0, policy, error: 'boom' });
    }
    await store.enqueue(newTask({ subject: 'a' }), T0);
    await store.enqueue(newTask({ subject: 'b' }), T0);
    const [a, b] = await claimAs(store, 'w1', T0, 2);
    const failures = async () =>
      Object.fromEntries(
        (await breakers.list()).map(x => [x.key, x.consecutiveFailures]),
      );

    await store.completeMany(
      [{ claim: a, outcome: 'done', result: {} }],
      at(1),
    );
    expect(await failures()).toEqual({
      github: 1,
      'repo:acme/other:dependency_update': 1,
      'repo:acme/payments:dependency_update': 1,
    });
    await store.completeMany(
      [{ claim: b, outcome: 'done', result: {} }],
      at(2),
      { closeBreakers: true },
    );
    expect(await failures()).toEqual({
      github: 0,
      'repo:acme/other:dependency_update': 1,
      'repo:acme/payments:dependency_update': 0,
    });
  });

  it('hands no task out twice to concurrent claimers', async () => {
    const { store } = await createTaskStores(databases, databaseId);
    for (let i = 0; i < 60; i++) {
      await store.enqueue(newTask({ subject: `dep-${i}` }), T0);
    }
    const seen = new Map<number, string>();
    const doubles: number[] = [];
    await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async worker => {
        for (;;) {
          const claims = await store.claim({
            worker,
            limit: 3,
            leaseMs: LEASE,
            now: at(1),
          });
          if (!claims.length) return;
          for (const claim of claims) {
            if (seen.has(claim.task.id)) doubles.push(claim.task.id);
            seen.set(claim.task.id, worker);
            expect(await store.complete(claim, 'done', {}, at(2))).toBe(true);
          }
        }
      }),
    );
    expect(doubles).toEqual([]);
    expect(seen.size).toBe(60);
    expect((await store.list({ status: ['complete'] })).totalCount).toBe(60);
  });
});
