import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { platformTaskExecutorsExtensionPoint } from '@catalyst/plugin-platform-node';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { TaskStore } from './TaskStore';
import { newTask } from '../__testUtils__/taskStores';
import { componentEntity } from '../__testUtils__/components';

const databases = createTestDatabases();

describe('task routes', () => {
  async function start(permission: 'ALLOW' | 'DENY' = 'ALLOW') {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        // The tasks' component, which the caller can see.
        catalogServiceMock.factory({ entities: [componentEntity('payments')] }),
        mockServices.permissions.factory({ result: permission }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const store = new TaskStore(knex);
    const { task } = await store.enqueue(newTask(), new Date());
    return { server, store, task };
  }

  it('lists, shows, cancels and retries tasks', async () => {
    const { server, task } = await start();
    const list = await request(server).get(
      '/api/platform/tasks?status=pending&repository=acme/payments',
    );
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      totalCount: 1,
      items: [{ id: task.id, status: 'pending' }],
    });

    const shown = await request(server).get(`/api/platform/tasks/${task.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id: task.id,
      attempts: [],
      breakers: [],
    });

    const cancelled = await request(server).post(
      `/api/platform/tasks/${task.id}/cancel`,
    );
    expect(cancelled.body.status).toBe('cancelled');
    expect(
      (await request(server).post(`/api/platform/tasks/${task.id}/approve`))
        .status,
    ).toBe(409);
    const retried = await request(server).post(
      `/api/platform/tasks/${task.id}/retry`,
    );
    expect(retried.body).toMatchObject({ status: 'pending', retryCount: 0 });
    expect(
      (await request(server).get('/api/platform/tasks/breakers')).body,
    ).toEqual({ items: [] });
  });

  it('queues a task for a service principal, once per key when asked', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        createBackendModule({
          pluginId: 'platform',
          moduleId: 'test-investigations',
          register(reg) {
            reg.registerInit({
              deps: { executors: platformTaskExecutorsExtensionPoint },
              async init({ executors }) {
                executors.addExecutor({
                  taskType: 'incident_investigation',
                  execute: async () => ({ outcome: 'nothing_to_do' }),
                });
              },
            });
          },
        }),
        catalogServiceMock.factory({ entities: [componentEntity('payments')] }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const service = {
      Authorization: mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:observability'),
        targetPluginId: 'platform',
      }),
    };
    const body = {
      entityRef: 'component:default/payments',
      taskType: 'incident_investigation',
      title: 'Investigate HighErrorRate',
      subject: 'abc@2026-01-01T00:00:00.000Z',
      payload: { fingerprint: 'abc' },
      once: true,
    };
    const enqueue = (input: object) =>
      request(server).post('/api/platform/tasks').set(service).send(input);

    expect(
      (await request(server).post('/api/platform/tasks').send(body)).status,
    ).toBe(403);
    expect((await enqueue({ ...body, taskType: 'no_such_type' })).status).toBe(
      400,
    );
    expect(
      (await enqueue({ ...body, payload: { big: 'x'.repeat(70_000) } })).status,
    ).toBe(400);

    const first = await enqueue(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      task: { status: 'pending', subject: body.subject },
    });
    const again = await enqueue(body);
    expect(again.body).toMatchObject({
      created: false,
      task: { id: first.body.task.id },
    });
    await new TaskStore(knex).cancel(first.body.task.id, new Date());
    // Once: a cancelled task of the same key still stands for it.
    const afterCancel = await enqueue(body);
    expect(afterCancel.body).toMatchObject({
      created: false,
      task: { id: first.body.task.id, status: 'cancelled' },
    });
    const otherEpisode = await enqueue({
      ...body,
      subject: 'abc@2026-01-02T00:00:00.000Z',
    });
    expect(otherEpisode.body.created).toBe(true);
  });

  it('answers 400, 404 and 403', async () => {
    const { server, task } = await start('DENY');
    expect(
      (await request(server).get('/api/platform/tasks?status=done')).status,
    ).toBe(400);
    expect(
      (await request(server).get('/api/platform/tasks?limit=0')).status,
    ).toBe(400);
    expect((await request(server).get('/api/platform/tasks/abc')).status).toBe(
      400,
    );
    expect((await request(server).get('/api/platform/tasks/9999')).status).toBe(
      404,
    );
    const denied = await request(server).post(
      `/api/platform/tasks/${task.id}/cancel`,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/catalyst\.task\.manage/);
  });
});
