// One backend replica in its own process: the platform plugin with the real
// scheduler on the PostgreSQL database named in CATALYST_PLATFORM_DB, plus a
// test scanner and executor that report to the parent process what they do.
// The executor hangs on the first attempt of the `hang` subject, so that the
// parent can kill the process mid-task.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import knexFactory from 'knex';
import { platformPlugin } from '../plugin';

/** What a replica tells its parent. */
export type ReplicaMessage =
  | { type: 'ready'; pid: number }
  | { type: 'scan'; pid: number; startedAt: number; finishedAt: number }
  | {
      type: 'execute';
      pid: number;
      taskId: number;
      subject: string;
      attempt: number;
    }
  | { type: 'error'; error: string };

/** Subjects the scanner finds on every scan; the queue keeps one task each. */
export const REPLICA_SUBJECTS = ['a', 'b', 'c', 'hang'];
/** The scanner's interval. */
export const REPLICA_SCAN_SECONDS = 2;
export const REPLICA_TASK_TYPE = 'replica_test';

const send = (message: ReplicaMessage) => process.send!(message);

const replicaModule = createBackendModule({
  pluginId: 'platform',
  moduleId: 'replica-test',
  register(env) {
    env.registerInit({
      deps: {
        scanners: platformTaskScannersExtensionPoint,
        executors: platformTaskExecutorsExtensionPoint,
      },
      async init({ scanners, executors }) {
        scanners.addScanner({
          id: 'replica-test',
          taskType: REPLICA_TASK_TYPE,
          schedule: {
            frequency: { seconds: REPLICA_SCAN_SECONDS },
            timeout: { seconds: 10 },
          },
          scan: async () => {
            const startedAt = Date.now();
            // Long enough that a second replica running it at once would overlap.
            await new Promise(resolve => setTimeout(resolve, 300));
            send({
              type: 'scan',
              pid: process.pid,
              startedAt,
              finishedAt: Date.now(),
            });
            return REPLICA_SUBJECTS.map(subject => ({
              entityRef: 'component:default/web',
              title: `Replica test ${subject}`,
              repository: 'acme/web',
              subject,
            }));
          },
        });
        executors.addExecutor({
          taskType: REPLICA_TASK_TYPE,
          execute: async (task, ctx) => {
            send({
              type: 'execute',
              pid: process.pid,
              taskId: task.id,
              subject: task.subject ?? '',
              attempt: ctx.attempt,
            });
            if (task.subject === 'hang' && ctx.attempt === 1) {
              // Killed here by the parent.
              await new Promise(() => {});
            }
            return { outcome: 'done', summary: `done by ${process.pid}` };
          },
        });
      },
    });
  },
});

async function main() {
  const knex = knexFactory(JSON.parse(process.env.CATALYST_PLATFORM_DB!));
  await startTestBackend({
    features: [
      platformPlugin,
      replicaModule,
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          platform: {
            tasks: {
              workerId: `replica-${process.pid}`,
              frequencySeconds: 1,
              batchSize: 1,
              // Long enough that a busy CI machine still renews it in time.
              leaseSeconds: 8,
              approvalPolicies: [
                { taskType: REPLICA_TASK_TYPE, policy: 'dry-run' },
              ],
            },
          },
        },
      }),
    ],
  });
  send({ type: 'ready', pid: process.pid });
}

if (require.main === module) {
  main().catch(error => {
    send({ type: 'error', error: String(error?.stack ?? error) });
    process.exit(1);
  });
}
