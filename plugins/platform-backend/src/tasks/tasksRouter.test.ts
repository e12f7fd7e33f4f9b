import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
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
