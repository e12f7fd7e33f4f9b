/**
 * Where a platform task is in its life. `awaiting_approval` holds a prepared
 * change until someone approves it.
 *
 * @public
 */
export type PlatformTaskStatus =
  | 'pending'
  | 'in_progress'
  | 'awaiting_approval'
  | 'complete'
  | 'failed'
  | 'cancelled';

/**
 * Every status, in life-cycle order.
 *
 * @public
 */
export const PLATFORM_TASK_STATUSES: readonly PlatformTaskStatus[] = [
  'pending',
  'in_progress',
  'awaiting_approval',
  'complete',
  'failed',
  'cancelled',
];

/**
 * How the last failure of a task was judged: worth retrying, never worth
 * retrying, waiting for GitHub's rate limit, or nothing to change.
 *
 * @public
 */
export type PlatformTaskErrorClass =
  | 'retryable'
  | 'not_retryable'
  | 'rate_limited'
  | 'nothing_to_do';

/**
 * What happens to the change a task prepares: merged without asking, held
 * for approval, or only recorded.
 *
 * @public
 */
export type PlatformTaskApprovalPolicy =
  | 'auto-merge'
  | 'require-approval'
  | 'dry-run';

/**
 * What the executor left behind: the pull request it opened, and the diff
 * or summary of the change (what a dry run stores).
 *
 * @public
 */
export interface PlatformTaskResult {
  /**
   * The pull request, with the commit Catalyst pushed to its branch
   * (`headSha`): auto-merge merges that commit only.
   */
  linkedPr?: { number: number; url?: string; headSha?: string };
  diff?: string;
  summary?: string;
}

/**
 * Where the pull request of an `auto-merge` task stands: `waiting` for its
 * checks, `merged` once they passed, `checks_failed` or `not_mergeable`
 * (left open for a person), or `closed` without merging.
 *
 * @public
 */
export interface PlatformTaskMerge {
  state: 'waiting' | 'merged' | 'checks_failed' | 'not_mergeable' | 'closed';
  /** Which checks failed, what is awaited, why GitHub refused. */
  detail?: string;
  /** When the pull request was last looked at. */
  checkedAt?: string;
}

/**
 * A platform task as the REST API returns it.
 *
 * @public
 */
export interface PlatformTask {
  id: number;
  /** Entity ref of the component the task is about (the seed's project_id). */
  entityRef: string;
  taskType: string;
  title: string;
  description?: string;
  status: PlatformTaskStatus;
  priority: number;
  /** `owner/name` of the GitHub repository the task changes. */
  repository?: string;
  /** What in the repository the task is about (a dependency, a test). */
  subject?: string;
  dedupeKey: string;
  linkedPrNumber?: number;
  /** Attempts started so far; never goes down. */
  retryCount: number;
  /** The most attempts the task may ever start. */
  maxRetries: number;
  approvalPolicy: PlatformTaskApprovalPolicy;
  approvedAt?: string;
  leaseOwner?: string;
  leaseExpiresAt?: string;
  nextRunAt?: string;
  lastError?: string;
  errorClass?: PlatformTaskErrorClass;
  payload: Record<string, unknown>;
  result?: PlatformTaskResult;
  /** Set for `auto-merge` tasks that opened a pull request. */
  merge?: PlatformTaskMerge;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
}

/**
 * One attempt at a task: started when a worker claimed it, finished when the
 * worker reported back or another worker found its lease expired.
 *
 * @public
 */
export interface PlatformTaskAttempt {
  taskId: number;
  attempt: number;
  worker: string;
  startedAt: string;
  finishedAt?: string;
  /** `done`, `nothing_to_do`, `awaiting_approval`, an error class, or `lease_expired`. */
  outcome?: string;
  error?: string;
}

/**
 * A circuit breaker over GitHub work: per repository and task type
 * (`repo:acme/payments:dependency_update`) or the global `github` one.
 *
 * @public
 */
export interface PlatformTaskBreaker {
  key: string;
  state: 'closed' | 'open' | 'half_open';
  consecutiveFailures: number;
  /** While open: when a probe may run. While half open: when the probe's claim lapses. */
  openUntil?: string;
  lastError?: string;
  updatedAt: string;
}

/**
 * A page of tasks from `GET /tasks`.
 *
 * @public
 */
export interface PlatformTaskPage {
  items: PlatformTask[];
  totalCount: number;
  offset: number;
  limit: number;
}

/**
 * A task with its attempts and the breakers that gate it (`GET /tasks/:id`).
 *
 * @public
 */
export interface PlatformTaskDetails extends PlatformTask {
  attempts: PlatformTaskAttempt[];
  breakers: PlatformTaskBreaker[];
}

/**
 * The GitHub requests of one feature of the platform in the last hour.
 *
 * @public
 */
export interface GithubFeatureBudget {
  /** `specs`, `catalog`, `conventions`, `tasks`, `webhooks`, ... */
  feature: string;
  /** Requests that counted against the rate limit. */
  requests: number;
  /** Conditional requests answered 304 (not counted by GitHub). */
  notModified: number;
  /** Rate-limited responses, each followed by a wait or a failure. */
  rateLimited: number;
}

/**
 * `GET /github/budget`: what the backend spent of its GitHub rate limit, per
 * feature over the last `windowMinutes`, and the limit as GitHub last
 * reported it (absent until a response carried it).
 *
 * @public
 */
export interface GithubBudgetResponse {
  windowMinutes: number;
  features: GithubFeatureBudget[];
  limit?: number;
  remaining?: number;
  resetAt?: string;
  observedAt?: string;
}
