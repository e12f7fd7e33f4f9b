import { LifecycleService } from '@backstage/backend-plugin-api';
import {
  GithubPullRequestMerger,
  PlatformTaskExecutor,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import type { PlatformFeatureDeps } from '../features';
import { AutoMergeRunner, queueCiRepair } from './AutoMergeRunner';
import { TaskConfig } from './readTaskConfig';
import { TaskBreakerStore } from './TaskBreakerStore';
import { TaskMergeStore } from './TaskMergeStore';
import { TaskQueue } from './TaskQueue';
import { ScanPacer } from './ScanPacer';
import { scannerJobId, TaskScannerRunner } from './TaskScannerRunner';
import { createTasksRouter } from './tasksRouter';
import { TaskStore } from './TaskStore';
import { TaskWakeups } from './TaskWakeups';
import { TaskWorker } from './TaskWorker';

/**
 * Platform tasks: the durable queue, the worker that runs every executor,
 * auto-merge of approved pull requests, and one scheduled job per scanner.
 */
export async function createTasksFeature(
  deps: PlatformFeatureDeps,
  options: {
    taskConfig: TaskConfig;
    executors: PlatformTaskExecutor[];
    scanners: PlatformTaskScanner[];
    /** Starts the wake-up listener with the backend, closes it on shutdown. */
    lifecycle: LifecycleService;
  },
) {
  const { scheduler, logger } = deps;
  const { taskConfig } = options;
  const store = new TaskStore(deps.db);
  const breakers = new TaskBreakerStore(deps.db);
  const worker = new TaskWorker({
    store,
    breakers,
    logger,
    workerId: taskConfig.workerId,
    options: taskConfig,
  });
  options.executors.forEach(executor => worker.addExecutor(executor));
  // Local scope: every replica claims its own batch; leases keep them apart.
  await scheduler.scheduleTask({
    id: 'platform-task-worker',
    scope: 'local',
    frequency: { seconds: taskConfig.frequencySeconds },
    timeout: { milliseconds: taskConfig.leaseMs * 4 },
    initialDelay: { seconds: 10 },
    fn: async abortSignal => {
      await worker.drain(abortSignal);
    },
  });
  // PostgreSQL: a task that becomes runnable wakes the worker at once; the
  // scheduled drain above is the fallback (and all there is on SQLite).
  const shutdown = new AbortController();
  let wakeups: TaskWakeups | undefined;
  options.lifecycle.addStartupHook(async () => {
    if (!taskConfig.wakeUps) return;
    try {
      wakeups = await TaskWakeups.listen(
        deps.db,
        () => worker.wake(shutdown.signal),
        { logger },
      );
    } catch (error) {
      logger.warn(
        `Could not listen for platform task wake-ups (${error}); the worker polls`,
      );
    }
  });
  options.lifecycle.addShutdownHook(async () => {
    shutdown.abort(new Error('The backend is shutting down'));
    await wakeups?.close();
  });

  const autoMerge = new AutoMergeRunner({
    merges: new TaskMergeStore(deps.db),
    breakers,
    merger: new GithubPullRequestMerger({
      integrations: deps.integrations,
      credentialsProvider: deps.credentialsProvider,
    }),
    logger,
    options: taskConfig.autoMerge,
    breakerPolicy: taskConfig.breaker,
    // With a ci_repair executor (its module), a failed check on a chore pull
    // request queues one repair per failed head.
    onChecksFailed: options.executors.some(e => e.taskType === 'ci_repair')
      ? queueCiRepair(store)
      : undefined,
  });
  await scheduler.scheduleTask({
    id: 'platform-task-auto-merge',
    frequency: { minutes: taskConfig.autoMerge.intervalMinutes },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async abortSignal => {
      await autoMerge.run(abortSignal);
    },
  });

  const queue = new TaskQueue(store, taskConfig.approvalPolicies);
  const pacer = new ScanPacer({
    db: deps.db,
    logger,
    config: deps.config.scanPacing,
  });
  const scannerRunner = new TaskScannerRunner({
    queue,
    logger,
    pacer,
  });
  for (const scanner of options.scanners) {
    const paced = scanner.pacing && deps.config.scanPacing.enabled;
    await scheduler.scheduleTask({
      id: scannerJobId(scanner),
      ...scanner.schedule,
      // Paced: a short run every tick takes the items whose time has come.
      ...(paced && {
        frequency: {
          milliseconds: pacer.tickMs(scanner.pacing!.intervalMinutes * 60_000),
        },
      }),
      fn: async abortSignal => {
        await scannerRunner.run(scanner, abortSignal);
      },
    });
  }

  const taskTypes = [...new Set(options.executors.map(e => e.taskType))].sort();
  return {
    store,
    queue,
    taskTypes,
    router: createTasksRouter({
      store,
      queue,
      taskTypes,
      breakers,
      catalog: deps.catalog,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
  };
}
