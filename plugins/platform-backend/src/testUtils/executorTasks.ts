import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type { PlatformTaskExecutionContext } from '@catalyst/plugin-platform-node';

/**
 * A claimed task of `taskType` on `repositoryUrl`, as the worker hands it to an executor.
 *
 * @public
 */
export function executorTask(
  taskType: string,
  repositoryUrl: string,
  overrides: Partial<PlatformTask> = {},
): PlatformTask {
  const repository = new URL(repositoryUrl).pathname.slice(1);
  return {
    id: 1,
    entityRef: 'component:default/web',
    taskType,
    title: taskType,
    status: 'in_progress',
    priority: 0,
    repository,
    subject: 'repository',
    dedupeKey: '',
    retryCount: 1,
    maxRetries: 3,
    approvalPolicy: 'auto-merge',
    payload: { repositoryUrl },
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

/**
 * The context of one attempt in `phase` under `approvalPolicy`.
 *
 * @public
 */
export function executionContext(
  phase: PlatformTaskExecutionContext['phase'],
  approvalPolicy: PlatformTaskExecutionContext['approvalPolicy'],
): PlatformTaskExecutionContext {
  return {
    phase,
    approvalPolicy,
    attempt: 1,
    signal: new AbortController().signal,
  };
}
