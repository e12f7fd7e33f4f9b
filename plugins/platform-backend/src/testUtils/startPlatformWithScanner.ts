import {
  createBackendModule,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import {
  PlatformTaskScanner,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { platformPlugin } from '../plugin';
import { TaskStore } from '../tasks/TaskStore';

/**
 * A platform backend under test with one scanner registered.
 *
 * @public
 */
export interface PlatformWithScanner {
  /** Runs the scanner's scheduled job once: the platform queues what it finds. */
  scan(): Promise<void>;
  /** The queued tasks of the scanner's task type, read from the queue. */
  tasks(): Promise<PlatformTask[]>;
}

/**
 * The platform backend on `databaseId` with `scanner` registered as a module
 * would, for testing scanners against the real queue. Pacing is off: each
 * `scan()` takes every item, with the items' memory kept in the database as
 * in production.
 *
 * @public
 */
export async function startPlatformWithScanner(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  scanner: PlatformTaskScanner,
): Promise<PlatformWithScanner> {
  const jobs = new Map<
    string,
    SchedulerServiceTaskInvocationDefinition['fn']
  >();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      jobs.set(task.id, task.fn);
    },
  });
  const knex = await databases.init(databaseId);
  await startTestBackend({
    features: [
      platformPlugin,
      createBackendModule({
        pluginId: 'platform',
        moduleId: 'scanner-under-test',
        register(env) {
          env.registerInit({
            deps: { scanners: platformTaskScannersExtensionPoint },
            async init({ scanners }) {
              scanners.addScanner(scanner);
            },
          });
        },
      }),
      scheduler.factory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      // The worker runs only when a test runs it: no LISTEN/NOTIFY wake-ups;
      // every scan takes every item (no pacing over the interval).
      mockServices.rootConfig.factory({
        data: {
          platform: {
            tasks: { wakeUps: false },
            scanPacing: { enabled: false },
          },
        },
      }),
    ],
  });
  return {
    async scan() {
      await jobs.get(`platform-task-scanner:${scanner.id}`)!(
        new AbortController().signal,
      );
    },
    async tasks(): Promise<PlatformTask[]> {
      // Read from the queue itself: the task routes show a caller only the
      // tasks of components it can see, and this catalog has none.
      const page = await new TaskStore(knex).list({
        taskType: scanner.taskType,
        limit: 500,
      });
      return page.items;
    },
  };
}
