import type {
  PlatformTask,
  PlatformTaskApprovalPolicy,
  PlatformTaskAttempt,
  PlatformTaskBreaker,
  PlatformTaskErrorClass,
  PlatformTaskMerge,
  PlatformTaskStatus,
} from '@catalyst/plugin-platform-common';

type Timestamp = string | Date | number;

export type TaskRow = {
  id: number;
  entity_ref: string;
  task_type: string;
  title: string;
  description: string | null;
  status: PlatformTaskStatus;
  priority: number;
  linked_pr_number: number | null;
  retry_count: number;
  max_retries: number;
  repository: string | null;
  subject: string | null;
  dedupe_key: string;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  next_run_at: Timestamp | null;
  last_error: string | null;
  error_class: PlatformTaskErrorClass | null;
  approval_policy: PlatformTaskApprovalPolicy;
  approved_at: Timestamp | null;
  payload: string;
  result: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  merge_state?: PlatformTaskMerge['state'] | null;
  merge_detail?: string | null;
  merge_checked_at?: Timestamp | null;
};

export type AttemptRow = {
  task_id: number;
  attempt: number;
  worker: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  outcome: string | null;
  error: string | null;
};

export type BreakerRow = {
  key: string;
  state: PlatformTaskBreaker['state'];
  consecutive_failures: number;
  open_until: Timestamp | null;
  last_error: string | null;
  updated_at: Timestamp;
};

/** SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Dates. */
export function toDate(value: Timestamp): Date {
  return value instanceof Date ? value : new Date(value);
}

function iso(value: Timestamp | null): string | undefined {
  return value === null ? undefined : toDate(value).toISOString();
}

export function toTask(row: TaskRow): PlatformTask {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    taskType: row.task_type,
    title: row.title,
    description: row.description ?? undefined,
    status: row.status,
    priority: row.priority,
    repository: row.repository ?? undefined,
    subject: row.subject ?? undefined,
    dedupeKey: row.dedupe_key,
    linkedPrNumber: row.linked_pr_number ?? undefined,
    retryCount: row.retry_count,
    maxRetries: row.max_retries,
    approvalPolicy: row.approval_policy,
    approvedAt: iso(row.approved_at),
    leaseOwner: row.lease_owner ?? undefined,
    leaseExpiresAt: iso(row.lease_expires_at),
    nextRunAt: iso(row.next_run_at),
    lastError: row.last_error ?? undefined,
    errorClass: row.error_class ?? undefined,
    payload: JSON.parse(row.payload),
    result: row.result ? JSON.parse(row.result) : undefined,
    merge: row.merge_state
      ? {
          state: row.merge_state,
          detail: row.merge_detail ?? undefined,
          checkedAt: iso(row.merge_checked_at ?? null),
        }
      : undefined,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    completedAt: iso(row.completed_at),
  };
}

export function toAttempt(row: AttemptRow): PlatformTaskAttempt {
  return {
    taskId: Number(row.task_id),
    attempt: row.attempt,
    worker: row.worker,
    startedAt: iso(row.started_at)!,
    finishedAt: iso(row.finished_at),
    outcome: row.outcome ?? undefined,
    error: row.error ?? undefined,
  };
}

export function toBreaker(row: BreakerRow): PlatformTaskBreaker {
  return {
    key: row.key,
    state: row.state,
    consecutiveFailures: row.consecutive_failures,
    openUntil: iso(row.open_until),
    lastError: row.last_error ?? undefined,
    updatedAt: iso(row.updated_at)!,
  };
}
