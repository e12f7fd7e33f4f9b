import type {
  PlatformTask,
  PlatformTaskBreaker,
  PlatformTaskDetails,
} from '@catalyst/plugin-platform-common';

/** A convention fix that prepared its change and waits for approval. */
export const awaitingTask: PlatformTask = {
  id: 42,
  entityRef: 'component:default/payments-api',
  taskType: 'convention_fix',
  title: 'Bring payments-api onto the node-service conventions',
  description: 'Adds the missing CODEOWNERS and fixes .editorconfig.',
  status: 'awaiting_approval',
  priority: 5,
  repository: 'acme/payments-api',
  dedupeKey: 'convention_fix:component:default/payments-api',
  linkedPrNumber: 7,
  retryCount: 1,
  maxRetries: 3,
  approvalPolicy: 'require-approval',
  nextRunAt: '2026-02-02T10:30:00.000Z',
  payload: { packId: 'node-service' },
  result: {
    linkedPr: { number: 7, url: 'https://github.com/acme/payments-api/pull/7' },
    summary: 'Would write 2 files',
  },
  createdAt: '2026-02-01T09:00:00.000Z',
  updatedAt: '2026-02-02T10:00:00.000Z',
};

/** A dependency update that failed for good, with no repository breaker open. */
export const failedTask: PlatformTask = {
  id: 41,
  entityRef: 'component:default/ledger-worker',
  taskType: 'dependency_update',
  title: 'Update lodash in ledger-worker',
  status: 'failed',
  priority: 3,
  repository: 'acme/ledger-worker',
  subject: 'lodash',
  dedupeKey: 'dependency_update:acme/ledger-worker:lodash',
  retryCount: 3,
  maxRetries: 3,
  approvalPolicy: 'dry-run',
  lastError: 'GitHub answered 422: Reference already exists',
  errorClass: 'not_retryable',
  payload: { dependency: 'lodash', to: '4.17.21' },
  result: {
    diff: '--- a/package.json\n+++ b/package.json\n-    "lodash": "4.17.20"\n+    "lodash": "4.17.21"',
  },
  createdAt: '2026-02-01T08:00:00.000Z',
  updatedAt: '2026-02-01T08:30:00.000Z',
  completedAt: '2026-02-01T08:30:00.000Z',
};

/** The open breaker of the ledger worker's dependency updates. */
export const openBreaker: PlatformTaskBreaker = {
  key: 'repo:acme/ledger-worker:dependency_update',
  state: 'open',
  consecutiveFailures: 5,
  openUntil: '2026-02-02T11:00:00.000Z',
  lastError: 'GitHub rate limit reached',
  updatedAt: '2026-02-02T10:45:00.000Z',
};

/** A breaker that tripped and recovered. */
export const closedBreaker: PlatformTaskBreaker = {
  key: 'github',
  state: 'closed',
  consecutiveFailures: 0,
  updatedAt: '2026-02-01T07:00:00.000Z',
};

/** The failed task with its attempts and the breaker that gates it. */
export const failedTaskDetails: PlatformTaskDetails = {
  ...failedTask,
  attempts: [
    {
      taskId: 41,
      attempt: 1,
      worker: 'backend-1',
      startedAt: '2026-02-01T08:00:00.000Z',
      finishedAt: '2026-02-01T08:01:00.000Z',
      outcome: 'retryable',
      error: 'socket hang up',
    },
    {
      taskId: 41,
      attempt: 2,
      worker: 'backend-2',
      startedAt: '2026-02-01T08:10:00.000Z',
      outcome: 'lease_expired',
    },
    {
      taskId: 41,
      attempt: 3,
      worker: 'backend-1',
      startedAt: '2026-02-01T08:29:00.000Z',
      finishedAt: '2026-02-01T08:30:00.000Z',
      outcome: 'not_retryable',
      error: 'GitHub answered 422: Reference already exists',
    },
  ],
  breakers: [openBreaker],
};

/** The awaiting task with no attempts yet recorded beyond the first. */
export const awaitingTaskDetails: PlatformTaskDetails = {
  ...awaitingTask,
  attempts: [
    {
      taskId: 42,
      attempt: 1,
      worker: 'backend-1',
      startedAt: '2026-02-02T09:59:00.000Z',
      finishedAt: '2026-02-02T10:00:00.000Z',
      outcome: 'awaiting_approval',
    },
  ],
  breakers: [],
};

/** A lint auto-fix whose pull request merged itself once its checks passed. */
export const mergedTaskDetails: PlatformTaskDetails = {
  id: 43,
  entityRef: 'component:default/payments-api',
  taskType: 'lint_autofix',
  title: 'Apply eslint and prettier fixes',
  status: 'complete',
  priority: 0,
  repository: 'acme/payments-api',
  subject: 'repository',
  dedupeKey: 'lint_autofix:acme/payments-api:repository',
  linkedPrNumber: 9,
  retryCount: 1,
  maxRetries: 3,
  approvalPolicy: 'auto-merge',
  payload: {},
  result: { linkedPr: { number: 9 }, summary: 'chore(lint) (3 files)' },
  merge: {
    state: 'merged',
    detail: 'Merged after 2 passing checks',
    checkedAt: '2026-02-02T10:40:00.000Z',
  },
  createdAt: '2026-02-02T10:00:00.000Z',
  updatedAt: '2026-02-02T10:40:00.000Z',
  completedAt: '2026-02-02T10:10:00.000Z',
  attempts: [],
  breakers: [],
};
