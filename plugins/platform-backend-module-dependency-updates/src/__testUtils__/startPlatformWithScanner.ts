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
// The module is tested inside the plugin it extends, as it runs in a backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import platformPlugin from '@catalyst/plugin-platform-backend';
import request from 'supertest';

/**
 * The platform backend on `databaseId` with `scanner` registered as a module
 * would: `scan()` runs the scanner's scheduled job (the platform queues what
 * it finds), `tasks()` lists the queue through the API.
 */
export async function startPlatformWithScanner(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  scanner: PlatformTaskScanner,
) {
  const jobs = new Map<
    string,
    SchedulerServiceTaskInvocationDefinition['fn']
  >();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      jobs.set(task.id, task.fn);
    },
  });
  const { server } = await startTestBackend({
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
      mockServices.database.factory({
        knex: await databases.init(databaseId),
      }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({ data: {} }),
    ],
  });
  return {
    async scan() {
      await jobs.get(`platform-task-scanner:${scanner.id}`)!(
        new AbortController().signal,
      );
    },
    async tasks(): Promise<PlatformTask[]> {
      const res = await request(server).get(
        `/api/platform/tasks?taskType=${scanner.taskType}`,
      );
      expect(res.status).toBe(200);
      return res.body.items;
    },
  };
}
