import {
  GithubPullRequestMerger,
  PlatformTaskExecutor,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import type { PlatformFeatureDeps } from '../features';
import { AutoMergeRunner } from './AutoMergeRunner';
import { TaskConfig } from './readTaskConfig';
import { TaskBreakerStore } from './TaskBreakerStore';
import { TaskMergeStore } from './TaskMergeStore';
import { TaskQueue } from './TaskQueue';
import { TaskScannerRunner } from './TaskScannerRunner';
import { createTasksRouter } from './tasksRouter';
import { TaskStore } from './TaskStore';
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
      await worker.tick(abortSignal);
    },
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
  const scannerRunner = new TaskScannerRunner({
    queue,
    logger,
  });
  for (const scanner of options.scanners) {
    await scheduler.scheduleTask({
      id: `platform-task-scanner:${scanner.id}`,
      ...scanner.schedule,
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
