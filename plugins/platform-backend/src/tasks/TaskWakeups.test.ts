import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';
import { TaskWakeups } from './TaskWakeups';
import { TaskWorker } from './TaskWorker';

const databases = createTestDatabases();

jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('TaskWakeups on %p', databaseId => {
  if (!databaseId.startsWith('POSTGRES')) {
    it('has nothing to listen to on SQLite: workers poll', async () => {
      const { knex } = await createTaskStores(databases, databaseId);
      const onWake = jest.fn();
      expect(
        await TaskWakeups.listen(knex, onWake, {
          logger: mockServices.logger.mock(),
        }),
      ).toBeUndefined();
      expect(onWake).not.toHaveBeenCalled();
    });
    return;
  }

  it('runs a new task on a woken worker without a tick, and wakes every listener', async () => {
    const stores = await createTaskStores(databases, databaseId);
    const logger = mockServices.logger.mock();
    const worker = new TaskWorker({
      ...stores,
      logger,
      workerId: 'woken',
      options: {
        batchSize: 4,
        leaseMs: 60_000,
        backoff: { baseMs: 1000, capMs: 10_000 },
        breaker: { failureThreshold: 2, cooldownMs: 30_000 },
      },
    });
    let ran!: (id: number) => void;
    const executed = new Promise<number>(resolve => {
      ran = resolve;
    });
    worker.addExecutor({
      taskType: 'dependency_update',
      execute: async task => {
        ran(task.id);
        return { outcome: 'done' };
      },
    });
    let otherReplicaWoken!: () => void;
    const otherReplica = new Promise<void>(resolve => {
      otherReplicaWoken = resolve;
    });
    const listeners = [
      await TaskWakeups.listen(stores.knex, () => worker.wake(), { logger }),
      await TaskWakeups.listen(stores.knex, () => otherReplicaWoken(), {
        logger,
      }),
    ];
    try {
      // A task due later wakes nobody; one due now wakes both listeners.
      await stores.store.enqueue(
        newTask({ subject: 'later' }),
        new Date(Date.now() + 3_600_000),
      );
      const { task } = await stores.store.enqueue(
        newTask({ subject: 'now' }),
        new Date(Date.now() - 1000),
      );
      expect(await executed).toBe(task.id);
      await otherReplica;
      for (;;) {
        const current = await stores.store.get(task.id);
        if (current?.status === 'complete') break;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect(await stores.store.attempts(task.id)).toEqual([
        expect.objectContaining({ worker: 'woken', outcome: 'done' }),
      ]);
    } finally {
      await Promise.all(listeners.map(listener => listener?.close()));
    }
  });
});
