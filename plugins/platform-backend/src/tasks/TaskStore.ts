import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  PlatformTask,
  PlatformTaskApprovalPolicy,
  PlatformTaskAttempt,
  PlatformTaskErrorClass,
  PlatformTaskPage,
  PlatformTaskResult,
  PlatformTaskStatus,
} from '@catalyst/plugin-platform-common';
import { Knex } from 'knex';
import { isLastAttempt } from './taskRetryPolicy';
import {
  GITHUB_BREAKER,
  repositoryBreakerKey,
  TaskBreakerStore,
} from './TaskBreakerStore';
import {
  AttemptRow,
  BreakerRow,
  TaskRow,
  toAttempt,
  toDate,
  toTask,
} from './TaskRows';

// Raises the budget to allow one more attempt; never lowers it, never resets the count.
const atLeastOneMoreAttempt =
  'case when max_retries > retry_count then max_retries else retry_count + 1 end';

const OPEN_STATUSES: PlatformTaskStatus[] = [
  'pending',
  'in_progress',
  'awaiting_approval',
];

/** A new task. Tasks with the same repository, type and subject are one task while open. */
export interface NewPlatformTask {
  entityRef: string;
  taskType: string;
  title: string;
  description?: string;
  priority?: number;
  repository?: string;
  subject?: string;
  payload?: Record<string, unknown>;
  maxRetries?: number;
  approvalPolicy: PlatformTaskApprovalPolicy;
  /** Create a new task even though the last one with this key failed. */
  afterFailure?: boolean;
  /** Never a second task with this key, whatever became of the first (one per alert episode). */
  once?: boolean;
}

/** A task a worker holds: `attempt` fences every later write of that worker. */
export interface ClaimedTask {
  task: PlatformTask;
  worker: string;
  attempt: number;
}

/** Filters and paging of {@link TaskStore.list}. */
export interface TaskListQuery {
  status?: PlatformTaskStatus[];
  taskType?: string;
  entityRef?: string;
  repository?: string;
  offset?: number;
  limit?: number;
}

/** How a failed attempt ends: the class, the message, and when to try again. */
export interface TaskFailure {
  errorClass: Exclude<PlatformTaskErrorClass, 'nothing_to_do'>;
  message: string;
  retryAt?: Date;
}

export function dedupeKeyOf(task: {
  repository?: string;
  taskType: string;
  subject?: string;
}): string {
  return JSON.stringify([
    task.repository ?? '',
    task.taskType,
    task.subject ?? '',
  ]);
}

function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: string;
    message?: string;
  };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(message ?? '')
  );
}

/**
 * The platform_tasks and platform_task_attempts tables: a durable queue that
 * several replicas claim from. Attempts are counted when a task is claimed,
 * so a worker that dies mid-task still spends one of the task's budget.
 */
export class TaskStore {
  private readonly postgres: boolean;
  private readonly breakers: TaskBreakerStore;

  constructor(private readonly db: Knex) {
    this.postgres = db.client.config.client === 'pg';
    this.breakers = new TaskBreakerStore(db);
  }

  /**
   * Adds a task, or returns the open task with the same key. After a failed
   * task, a new one is created only with `afterFailure`.
   */
  async enqueue(
    input: NewPlatformTask,
    now: Date,
  ): Promise<{ task: PlatformTask; created: boolean }> {
    const dedupeKey = dedupeKeyOf(input);
    // One read finds the open task with the key, else the newest one (which
    // blocks a new task when it failed, unless `afterFailure`).
    const existing = async () => {
      const [row] = await this.db<TaskRow>('platform_tasks')
        .where({ dedupe_key: dedupeKey })
        .orderByRaw(
          `case when status in (${OPEN_STATUSES.map(() => '?').join(
            ', ',
          )}) then 0 else 1 end`,
          OPEN_STATUSES,
        )
        .orderBy('id', 'desc')
        .limit(1);
      if (!row) return undefined;
      if (OPEN_STATUSES.includes(row.status) || input.once) return row;
      return !input.afterFailure && row.status === 'failed' ? row : undefined;
    };
    const found = await existing();
    if (found) return { task: toTask(found), created: false };
    try {
      // No transaction: the unique index on the open tasks' key settles a race
      // with another replica (below), so enqueueing takes two round trips.
      const [row] = await this.db<TaskRow>('platform_tasks').insert(
        {
          entity_ref: input.entityRef,
          task_type: input.taskType,
          title: input.title.slice(0, 500),
          description: input.description ?? null,
          status: 'pending',
          priority: input.priority ?? 0,
          repository: input.repository ?? null,
          subject: input.subject ?? null,
          dedupe_key: dedupeKey,
          max_retries: input.maxRetries ?? 3,
          approval_policy: input.approvalPolicy,
          payload: JSON.stringify(input.payload ?? {}),
          next_run_at: now,
          created_at: now,
          updated_at: now,
        },
        '*',
      );
      return { task: toTask(row), created: true };
    } catch (error) {
      // Another replica enqueued the same key between our read and insert.
      if (!isUniqueViolation(error)) throw error;
      const raced = await existing();
      if (!raced) throw error;
      return { task: toTask(raced), created: false };
    }
  }

  async get(id: number): Promise<PlatformTask | undefined> {
    const row = await this.db<TaskRow>('platform_tasks').where({ id }).first();
    return row ? toTask(row) : undefined;
  }

  async attempts(id: number): Promise<PlatformTaskAttempt[]> {
    const rows = await this.db<AttemptRow>('platform_task_attempts')
      .where({ task_id: id })
      .orderBy('attempt');
    return rows.map(toAttempt);
  }

  /**
   * A page of tasks, newest first; with `visible`, only tasks of those
   * entity refs (what the caller can see in the catalog).
   */
  async list(
    query: TaskListQuery,
    visible?: { entityRefs: Iterable<string> },
  ): Promise<PlatformTaskPage> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const filtered = () => {
      const q = this.db<TaskRow>('platform_tasks');
      if (visible) q.whereIn('entity_ref', [...visible.entityRefs]);
      if (query.status?.length) q.whereIn('status', query.status);
      if (query.taskType) q.where('task_type', query.taskType);
      if (query.entityRef) q.where('entity_ref', query.entityRef);
      if (query.repository) q.where('repository', query.repository);
      return q;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows = await filtered()
      .orderBy('id', 'desc')
      .offset(offset)
      .limit(limit);
    return {
      items: rows.map(toTask),
      totalCount: Number(count),
      offset,
      limit,
    };
  }

  /** The entity refs that have tasks. */
  async entityRefs(): Promise<string[]> {
    const rows = await this.db('platform_tasks').distinct('entity_ref');
    return rows.map(row => row.entity_ref as string);
  }

  /**
   * Claims up to `limit` runnable tasks for `worker`: pending, or in progress
   * with an expired lease; due; within their attempt budget; not behind an
   * open breaker. An open breaker past its cool-down lets one task through
   * as its probe. Lease and attempt count change in the same transaction.
   */
  async claim(options: {
    worker: string;
    limit: number;
    leaseMs: number;
    now: Date;
  }): Promise<ClaimedTask[]> {
    const { worker, limit, leaseMs, now } = options;
    await this.failExhausted(now);
    return this.db.transaction(async tx => {
      const breakers = await tx<BreakerRow>('platform_task_breakers').whereNot(
        'state',
        'closed',
      );
      const excluded = breakers
        .filter(b => b.key !== GITHUB_BREAKER)
        .map(b => b.key);
      const github = breakers.find(b => b.key === GITHUB_BREAKER);
      const claimed: ClaimedTask[] = [];

      const candidates = (
        max: number,
        narrow: (q: Knex.QueryBuilder) => void,
      ) => {
        const q = tx<TaskRow>('platform_tasks')
          .select('id')
          .where(runnable(now))
          .whereRaw(
            `('repo:' || coalesce(repository, '') || ':' || task_type) not in (${
              excluded.map(() => '?').join(', ') || "''"
            })`,
            excluded,
          )
          .orderBy([
            { column: 'priority', order: 'desc' },
            { column: 'id', order: 'asc' },
          ])
          .limit(max);
        narrow(q);
        if (this.postgres) q.forUpdate().skipLocked();
        return q;
      };
      const take = async (ids: number[]) => {
        claimed.push(...(await this.take(tx, ids, worker, leaseMs, now)));
      };

      await take(
        (
          await candidates(limit, q => {
            if (github) q.whereNull('repository');
          })
        ).map(r => r.id),
      );

      // Probes: one task per breaker whose cool-down is over.
      if (github) {
        if (claimed.length < limit) {
          const [probe] = await candidates(1, q =>
            q.whereNotNull('repository'),
          );
          if (
            probe &&
            (await this.breakers.startProbe(GITHUB_BREAKER, now, leaseMs, tx))
          ) {
            await take([probe.id]);
          }
        }
        return claimed;
      }
      const probeable = breakers.filter(
        b => b.open_until !== null && toDate(b.open_until) <= now,
      );
      for (const breaker of probeable) {
        if (claimed.length >= limit) break;
        const [probe] = await tx<TaskRow>('platform_tasks')
          .select('id')
          .where(runnable(now))
          .whereRaw(
            `('repo:' || coalesce(repository, '') || ':' || task_type) = ?`,
            [breaker.key],
          )
          .orderBy('id')
          .limit(1)
          .modify(q => {
            if (this.postgres) q.forUpdate().skipLocked();
          });
        if (
          probe &&
          (await this.breakers.startProbe(breaker.key, now, leaseMs, tx))
        ) {
          await take([probe.id]);
        }
      }
      return claimed;
    });
  }

  /**
   * Takes the given runnable tasks for `worker` in one statement (and one for
   * each attempt table write), in the order of `ids`; a task another worker
   * took first is left out.
   */
  private async take(
    tx: Knex.Transaction,
    ids: number[],
    worker: string,
    leaseMs: number,
    now: Date,
  ): Promise<ClaimedTask[]> {
    if (ids.length === 0) return [];
    // Conditional, so that SQLite (no row locks) cannot hand a task out twice.
    const rows: TaskRow[] = await tx('platform_tasks')
      .whereIn('id', ids)
      .where(runnable(now))
      .update(
        {
          status: 'in_progress',
          lease_owner: worker,
          lease_expires_at: new Date(now.getTime() + leaseMs),
          retry_count: tx.raw('retry_count + 1'),
          updated_at: now,
        },
        '*',
      );
    if (rows.length === 0) return [];
    const taken = rows.map(row => row.id);
    await tx('platform_task_attempts')
      .whereIn('task_id', taken)
      .whereNull('finished_at')
      .update({ finished_at: now, outcome: 'lease_expired' });
    await tx('platform_task_attempts').insert(
      rows.map(row => ({
        task_id: row.id,
        attempt: row.retry_count,
        worker,
        started_at: now,
      })),
    );
    const byId = new Map(rows.map(row => [row.id, row]));
    return ids.flatMap(id => {
      const row = byId.get(id);
      return row
        ? [{ task: toTask(row), worker, attempt: row.retry_count }]
        : [];
    });
  }

  /** Tasks whose worker vanished after their last allowed attempt fail. */
  private async failExhausted(now: Date): Promise<void> {
    const rows = await this.db<TaskRow>('platform_tasks')
      .select('id')
      .where('status', 'in_progress')
      .where('lease_expires_at', '<=', now)
      .whereRaw('retry_count >= max_retries');
    for (const { id } of rows) {
      await this.db.transaction(async tx => {
        const updated = await tx('platform_tasks')
          .where({ id, status: 'in_progress' })
          .where('lease_expires_at', '<=', now)
          .whereRaw('retry_count >= max_retries')
          .update({
            status: 'failed',
            error_class: 'retryable',
            last_error:
              'Attempt budget exhausted: the worker of the last attempt stopped renewing its lease',
            lease_owner: null,
            lease_expires_at: null,
            completed_at: now,
            updated_at: now,
          });
        if (updated === 1) {
          await tx('platform_task_attempts')
            .where({ task_id: id })
            .whereNull('finished_at')
            .update({ finished_at: now, outcome: 'lease_expired' });
        }
      });
    }
  }

  /** Extends the lease of a held task; false when the worker lost it. */
  async renewLease(
    claim: ClaimedTask,
    leaseMs: number,
    now: Date,
  ): Promise<boolean> {
    const updated = await this.held(this.db, claim).update({
      lease_expires_at: new Date(now.getTime() + leaseMs),
      updated_at: now,
    });
    return updated === 1;
  }

  /** Completes a held task. False when the lease was lost (the task is someone else's). */
  async complete(
    claim: ClaimedTask,
    outcome: 'done' | 'nothing_to_do',
    result: PlatformTaskResult,
    now: Date,
  ): Promise<boolean> {
    // An auto-merge task's pull request now waits for its checks.
    const merges =
      outcome === 'done' &&
      claim.task.approvalPolicy === 'auto-merge' &&
      result.linkedPr !== undefined;
    return this.finish(claim, outcome, now, {
      status: 'complete',
      completed_at: now,
      error_class: outcome === 'nothing_to_do' ? 'nothing_to_do' : null,
      last_error: null,
      ...resultColumns(result),
      ...(merges
        ? { merge_state: 'waiting', merge_detail: null, merge_checked_at: null }
        : {}),
    });
  }

  /** Parks a held task with its prepared change until someone approves it. */
  async holdForApproval(
    claim: ClaimedTask,
    result: PlatformTaskResult,
    now: Date,
  ): Promise<boolean> {
    return this.finish(claim, 'awaiting_approval', now, {
      status: 'awaiting_approval',
      last_error: null,
      error_class: null,
      ...resultColumns(result),
    });
  }

  /**
   * Records a failed attempt: retried at `retryAt` while the budget lasts,
   * failed for good when it is spent or the error is not retryable.
   */
  async fail(
    claim: ClaimedTask,
    failure: TaskFailure,
    now: Date,
  ): Promise<PlatformTaskStatus | undefined> {
    const final = isLastAttempt({
      errorClass: failure.errorClass,
      attempt: claim.attempt,
      maxRetries: claim.task.maxRetries,
    });
    const status: PlatformTaskStatus = final ? 'failed' : 'pending';
    const ok = await this.finish(
      claim,
      failure.errorClass,
      now,
      {
        status,
        error_class: failure.errorClass,
        last_error: failure.message.slice(0, 4000),
        next_run_at: final ? null : failure.retryAt ?? now,
        completed_at: final ? now : null,
      },
      failure.message,
    );
    return ok ? status : undefined;
  }

  private held(db: Knex, claim: ClaimedTask) {
    return db('platform_tasks').where({
      id: claim.task.id,
      status: 'in_progress',
      lease_owner: claim.worker,
      retry_count: claim.attempt,
    });
  }

  private async finish(
    claim: ClaimedTask,
    outcome: string,
    now: Date,
    columns: Record<string, unknown>,
    error?: string,
  ): Promise<boolean> {
    const task = {
      ...columns,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
    };
    const attempt = {
      finished_at: now,
      outcome,
      error: error?.slice(0, 4000) ?? null,
    };
    if (this.postgres) {
      // One statement, so one round trip: PostgreSQL runs both updates
      // atomically, and the attempt row is closed only when the task was held.
      const [{ held }] = await this.db
        .with('held', this.held(this.db, claim).update(task).returning('id'))
        .with(
          'attempt',
          this.db('platform_task_attempts')
            .whereIn('task_id', this.db.select('id').from('held'))
            .where({ attempt: claim.attempt })
            .update(attempt)
            .returning('task_id'),
        )
        .select(this.db.raw('(select count(*) from held)::int as held'));
      return held === 1;
    }
    return this.db.transaction(async tx => {
      const updated = await this.held(tx, claim).update(task);
      if (updated !== 1) return false;
      await tx('platform_task_attempts')
        .where({ task_id: claim.task.id, attempt: claim.attempt })
        .update(attempt);
      return true;
    });
  }

  /**
   * Approves a task awaiting approval: it runs again to apply the change. An
   * approval always allows that one more attempt.
   */
  async approve(id: number, now: Date): Promise<PlatformTask> {
    return this.transition(id, ['awaiting_approval'], now, tx => ({
      status: 'pending',
      approved_at: now,
      next_run_at: now,
      max_retries: tx.raw(atLeastOneMoreAttempt),
    }));
  }

  async cancel(id: number, now: Date): Promise<PlatformTask> {
    return this.transition(id, OPEN_STATUSES, now, () => ({
      status: 'cancelled',
      lease_owner: null,
      lease_expires_at: null,
      completed_at: now,
    }));
  }

  /**
   * Runs a task again now. A failed or cancelled task reopens with one more
   * attempt than it has used; the count of attempts never goes down.
   */
  async retry(id: number, now: Date): Promise<PlatformTask> {
    try {
      return await this.transition(
        id,
        ['pending', 'failed', 'cancelled'],
        now,
        tx => ({
          status: 'pending',
          next_run_at: now,
          completed_at: null,
          max_retries: tx.raw(atLeastOneMoreAttempt),
        }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictError(
        `Task ${id} cannot be retried: another task for the same repository, type and subject is open`,
      );
    }
  }

  private async transition(
    id: number,
    from: PlatformTaskStatus[],
    now: Date,
    columns: (tx: Knex) => Record<string, unknown>,
  ): Promise<PlatformTask> {
    return this.db.transaction(async tx => {
      const updated = await tx('platform_tasks')
        .where({ id })
        .whereIn('status', from)
        .update({ ...columns(tx), updated_at: now });
      const row = await tx<TaskRow>('platform_tasks').where({ id }).first();
      if (!row) throw new NotFoundError(`No task with id ${id}`);
      if (updated !== 1) {
        throw new ConflictError(
          `Task ${id} is ${row.status}; this needs one of ${from.join(', ')}`,
        );
      }
      if (row.status === 'cancelled') {
        await tx('platform_task_attempts')
          .where({ task_id: id })
          .whereNull('finished_at')
          .update({ finished_at: now, outcome: 'cancelled' });
      }
      return toTask(row);
    });
  }

  /** The keys of the breakers that gate a task. */
  static breakerKeys(task: PlatformTask): string[] {
    return task.repository
      ? [repositoryBreakerKey(task.repository, task.taskType), GITHUB_BREAKER]
      : [repositoryBreakerKey('', task.taskType)];
  }
}

function runnable(now: Date) {
  return (q: Knex.QueryBuilder) =>
    q
      .where(s =>
        s
          .where('status', 'pending')
          .orWhere(p =>
            p
              .where('status', 'in_progress')
              .where('lease_expires_at', '<=', now),
          ),
      )
      .where(s => s.whereNull('next_run_at').orWhere('next_run_at', '<=', now))
      .whereRaw('retry_count < max_retries');
}

function resultColumns(result: PlatformTaskResult) {
  const stored: PlatformTaskResult = {
    linkedPr: result.linkedPr,
    diff: result.diff,
    summary: result.summary,
  };
  return {
    result: JSON.stringify(stored),
    ...(result.linkedPr ? { linked_pr_number: result.linkedPr.number } : {}),
  };
}
