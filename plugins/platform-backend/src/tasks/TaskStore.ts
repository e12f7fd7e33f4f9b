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

const EXHAUSTED_ERROR =
  'Attempt budget exhausted: the worker of the last attempt stopped renewing its lease';

// An open breaker (of the task's repository and type, or GitHub's for a
// repository task) holds task `t` back; `:github` names GitHub's.
const BREAKER_HOLDS_TASK = `select 1 from platform_task_breakers b
  where b.state <> 'closed'
    and (b.key = 'repo:' || coalesce(t.repository, '') || ':' || t.task_type
         or (b.key = :github and t.repository is not null))`;

// Up to `:limit` tasks `t` in claim order that match `status` and are due,
// within their budget and not held back by a breaker, locked for the claim.
const runnableBatch = (
  status: string,
) => `select id, priority from platform_tasks t
  where ${status}
    and (t.next_run_at is null or t.next_run_at <= :now)
    and t.retry_count < t.max_retries
    and not exists (${BREAKER_HOLDS_TASK})
  order by t.priority desc, t.id asc
  limit :limit
  for update skip locked`;

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

/** A held task that finished, for {@link TaskStore.completeMany}. */
export interface TaskCompletion {
  claim: ClaimedTask;
  outcome: 'done' | 'nothing_to_do';
  result: PlatformTaskResult;
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
    if (this.postgres) {
      const [row] = await this.enqueueInOneStatement(input, dedupeKey, now);
      if (row) return { task: toTask(row), created: row.created };
      // Another replica enqueued the same key since the statement's snapshot.
      const raced = await existing();
      if (raced) return { task: toTask(raced), created: false };
      throw new ConflictError(
        `Task ${dedupeKey} was enqueued and finished concurrently; enqueue it again`,
      );
    }
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

  /**
   * PostgreSQL: the read of the task with the key and the insert in one
   * statement (one round trip). Returns the blocking task or the new one;
   * nothing when a replica inserted the key since the statement's snapshot.
   */
  private async enqueueInOneStatement(
    input: NewPlatformTask,
    dedupeKey: string,
    now: Date,
  ): Promise<(TaskRow & { created: boolean })[]> {
    const open = OPEN_STATUSES.map(status => `'${status}'`).join(', ');
    const { rows } = (await this.db.raw(
      `with newest as (
         select * from platform_tasks
          where dedupe_key = :dedupeKey
          order by case when status in (${open}) then 0 else 1 end, id desc
          limit 1
       ), blocking as (
         select * from newest
          where status in (${open})
             or (status = 'failed' and not cast(:afterFailure as boolean))
       ), inserted as (
         insert into platform_tasks (entity_ref, task_type, title, description,
           status, priority, repository, subject, dedupe_key, max_retries,
           approval_policy, payload, next_run_at, created_at, updated_at)
         select cast(:entityRef as text), cast(:taskType as text),
                cast(:title as text), cast(:description as text), 'pending',
                cast(:priority as int), cast(:repository as text),
                cast(:subject as text), cast(:dedupeKey as text),
                cast(:maxRetries as int), cast(:approvalPolicy as text),
                cast(:payload as text), cast(:now as timestamptz),
                cast(:now as timestamptz), cast(:now as timestamptz)
          where not exists (select 1 from blocking)
         on conflict (dedupe_key) where status in (${open}) do nothing
         returning *
       )
       select *, true as created from inserted
       union all
       select *, false as created from blocking`,
      {
        dedupeKey,
        afterFailure: input.afterFailure ?? false,
        entityRef: input.entityRef,
        taskType: input.taskType,
        title: input.title.slice(0, 500),
        description: input.description ?? null,
        priority: input.priority ?? 0,
        repository: input.repository ?? null,
        subject: input.subject ?? null,
        maxRetries: input.maxRetries ?? 3,
        approvalPolicy: input.approvalPolicy,
        payload: JSON.stringify(input.payload ?? {}),
        now,
      },
    )) as { rows: (TaskRow & { created: boolean })[] };
    return rows;
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
    if (!this.postgres) return this.claimInTransaction(options);
    // One statement takes what no open breaker holds back. Only a short batch
    // needs a look at the breakers: an open one may have a probe to let
    // through, which the transaction below does.
    const claimed = await this.claimInOneStatement(options);
    if (claimed.length >= options.limit) return claimed;
    const open = await this.db('platform_task_breakers')
      .select('key')
      .whereNot('state', 'closed')
      .limit(1);
    if (open.length === 0) return claimed;
    return [
      ...claimed,
      ...(await this.claimInTransaction({
        ...options,
        limit: options.limit - claimed.length,
      })),
    ];
  }

  private async claimInTransaction(options: {
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
   * PostgreSQL: fails the tasks whose last allowed attempt lost its worker,
   * takes up to `limit` runnable tasks that no open breaker holds back and
   * writes their attempt rows, all in one statement (one round trip). It lets
   * no probe through.
   */
  private async claimInOneStatement(options: {
    worker: string;
    limit: number;
    leaseMs: number;
    now: Date;
  }): Promise<ClaimedTask[]> {
    const { worker, limit, leaseMs, now } = options;
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const { rows } = (await this.db.raw(
      `with exhausted as (
         update platform_tasks
            set status = 'failed', error_class = 'retryable', last_error = :exhaustedError,
                lease_owner = null, lease_expires_at = null,
                completed_at = :now, updated_at = :now
          where status = 'in_progress' and lease_expires_at <= :now
            and retry_count >= max_retries
          returning id
       ), exhausted_attempts as (
         update platform_task_attempts a set finished_at = :now, outcome = 'lease_expired'
           from exhausted e
          where a.task_id = e.id and a.finished_at is null
       ), pending as (
         -- Read off platform_tasks_pending_idx in claim order.
         ${runnableBatch("t.status = 'pending'")}
       ), expired as (
         ${runnableBatch(
           "t.status = 'in_progress' and t.lease_expires_at <= :now",
         )}
       ), candidates as (
         select id from (select * from pending union all select * from expired) c
          order by priority desc, id asc
          limit :limit
       ), taken as (
         update platform_tasks t
            set status = 'in_progress', lease_owner = :worker,
                lease_expires_at = :leaseUntil, retry_count = t.retry_count + 1,
                updated_at = :now
           from candidates c
          where t.id = c.id
          returning t.*
       ), expired_attempts as (
         update platform_task_attempts a set finished_at = :now, outcome = 'lease_expired'
           from taken
          where a.task_id = taken.id and a.finished_at is null
       ), attempts as (
         insert into platform_task_attempts (task_id, attempt, worker, started_at)
         select id, retry_count, cast(:worker as text), cast(:now as timestamptz)
           from taken
       )
       select * from taken order by priority desc, id asc`,
      {
        exhaustedError: EXHAUSTED_ERROR,
        now,
        github: GITHUB_BREAKER,
        limit,
        worker,
        leaseUntil,
      },
    )) as { rows: TaskRow[] };
    return rows.map(row => ({
      task: toTask(row),
      worker,
      attempt: row.retry_count,
    }));
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
            last_error: EXHAUSTED_ERROR,
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
    const [completed] = await this.completeMany(
      [{ claim, outcome, result }],
      now,
    );
    return completed;
  }

  /**
   * Completes several held tasks at once: one statement on PostgreSQL, one
   * transaction on SQLite. Each task is completed only while its worker still
   * holds it with that attempt, and its attempt row is closed with it; the
   * answer says, in order, which ones were (false: the lease was lost).
   */
  async completeMany(
    completions: TaskCompletion[],
    now: Date,
    options: {
      /** Also record the successes behind the tasks' breakers, in the same write. */
      closeBreakers?: boolean;
    } = {},
  ): Promise<boolean[]> {
    if (completions.length === 0) return [];
    const columns = completions.map(({ claim, outcome, result }) => ({
      ...resultColumns(result),
      error_class: outcome === 'nothing_to_do' ? 'nothing_to_do' : null,
      // An auto-merge task's pull request now waits for its checks.
      merges:
        outcome === 'done' &&
        claim.task.approvalPolicy === 'auto-merge' &&
        result.linkedPr !== undefined,
    }));
    let completed: Set<number>;
    if (this.postgres) {
      const { rows } = (await this.db.raw(
        `with v as (
           select * from unnest(cast(:ids as int[]), cast(:attempts as int[]),
                                cast(:workers as text[]), cast(:outcomes as text[]),
                                cast(:errorClasses as text[]), cast(:results as text[]),
                                cast(:prs as int[]), cast(:merges as boolean[]))
             as v(id, attempt, worker, outcome, error_class, result, pr, merges)
         ), held as (
           update platform_tasks t
              set status = 'complete', completed_at = :now, updated_at = :now,
                  error_class = v.error_class, last_error = null, result = v.result,
                  linked_pr_number = coalesce(v.pr, t.linked_pr_number),
                  merge_state = case when v.merges then 'waiting' else t.merge_state end,
                  merge_detail = case when v.merges then null else t.merge_detail end,
                  merge_checked_at = case when v.merges then null else t.merge_checked_at end,
                  lease_owner = null, lease_expires_at = null
             from v
            where t.id = v.id and t.status = 'in_progress'
              and t.lease_owner = v.worker and t.retry_count = v.attempt
            returning t.id, t.repository, t.task_type, v.attempt, v.outcome
         ), attempts as (
           update platform_task_attempts a
              set finished_at = :now, outcome = held.outcome, error = null
             from held
            where a.task_id = held.id and a.attempt = held.attempt
         ), breakers as (
           -- TaskBreakerStore.recordSuccess of TaskStore.breakerKeys.
           update platform_task_breakers b
              set state = 'closed', consecutive_failures = 0, open_until = null,
                  updated_at = :now
            where cast(:closeBreakers as boolean)
              and (b.state <> 'closed' or b.consecutive_failures > 0)
              and (b.key in (select 'repo:' || coalesce(h.repository, '') || ':' || h.task_type
                               from held h)
                   or (b.key = :github
                       and exists (select 1 from held h where h.repository is not null)))
         )
         select id from held`,
        {
          ids: completions.map(c => c.claim.task.id),
          attempts: completions.map(c => c.claim.attempt),
          workers: completions.map(c => c.claim.worker),
          outcomes: completions.map(c => c.outcome),
          errorClasses: columns.map(c => c.error_class),
          results: columns.map(c => c.result),
          prs: columns.map(c => c.linked_pr_number ?? null),
          merges: columns.map(c => c.merges),
          now,
          closeBreakers: options.closeBreakers ?? false,
          github: GITHUB_BREAKER,
        },
      )) as { rows: { id: number }[] };
      completed = new Set(rows.map(row => Number(row.id)));
    } else {
      completed = new Set();
      await this.db.transaction(async tx => {
        for (const [i, { claim, outcome }] of completions.entries()) {
          const { merges, ...task } = columns[i];
          const updated = await this.held(tx, claim).update({
            ...task,
            status: 'complete',
            completed_at: now,
            last_error: null,
            ...(merges
              ? {
                  merge_state: 'waiting',
                  merge_detail: null,
                  merge_checked_at: null,
                }
              : {}),
            lease_owner: null,
            lease_expires_at: null,
            updated_at: now,
          });
          if (updated !== 1) continue;
          await tx('platform_task_attempts')
            .where({ task_id: claim.task.id, attempt: claim.attempt })
            .update({ finished_at: now, outcome, error: null });
          completed.add(claim.task.id);
        }
        if (!options.closeBreakers) return;
        const keys = completions
          .filter(({ claim }) => completed.has(claim.task.id))
          .flatMap(({ claim }) => TaskStore.breakerKeys(claim.task));
        if (keys.length > 0) {
          await new TaskBreakerStore(tx).recordSuccess([...new Set(keys)], now);
        }
      });
    }
    // A claim listed twice is completed once.
    return completions.map(({ claim }) => completed.delete(claim.task.id));
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
