import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  awaitingTask,
  failedTaskDetails,
  openBreaker,
} from '../__fixtures__/tasks';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient tasks', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });

  it('lists tasks with the statuses comma-separated and the other filters as given', async () => {
    let seen: URL | undefined;
    let auth: string | null = null;
    server.use(
      http.get(`${baseUrl}/tasks`, ({ request }) => {
        seen = new URL(request.url);
        auth = request.headers.get('authorization');
        return HttpResponse.json({
          items: [awaitingTask],
          totalCount: 21,
          offset: 20,
          limit: 20,
        });
      }),
    );

    const page = await client.listTasks({
      status: ['pending', 'awaiting_approval'],
      type: 'convention_fix',
      entityRef: 'component:default/payments-api',
      repository: 'acme/payments-api',
      offset: 20,
      limit: 20,
    });

    expect(page.items).toEqual([awaitingTask]);
    expect(page.totalCount).toBe(21);
    expect(auth).toBe('Bearer user-token');
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      status: 'pending,awaiting_approval',
      type: 'convention_fix',
      entityRef: 'component:default/payments-api',
      repository: 'acme/payments-api',
      offset: '20',
      limit: '20',
    });
  });

  it('lists tasks without a query string when nothing is filtered', async () => {
    let seen: string | undefined;
    server.use(
      http.get(`${baseUrl}/tasks`, ({ request }) => {
        seen = request.url;
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          offset: 0,
          limit: 50,
        });
      }),
    );

    await client.listTasks({ status: [] });

    expect(seen).toBe(`${baseUrl}/tasks`);
  });

  it('gets one task with its attempts and breakers', async () => {
    server.use(
      http.get(`${baseUrl}/tasks/:id`, ({ params }) =>
        params.id === '41'
          ? HttpResponse.json(failedTaskDetails)
          : HttpResponse.json({}, { status: 404 }),
      ),
    );

    const task = await client.getTask(41);

    expect(task.attempts).toHaveLength(3);
    expect(task.breakers).toEqual([openBreaker]);
  });

  it('lists the breakers', async () => {
    server.use(
      http.get(`${baseUrl}/tasks/breakers`, () =>
        HttpResponse.json({ items: [openBreaker] }),
      ),
    );

    expect(await client.listTaskBreakers()).toEqual({ items: [openBreaker] });
  });

  it.each([
    ['retry', (id: number) => client.retryTask(id)],
    ['cancel', (id: number) => client.cancelTask(id)],
    ['approve', (id: number) => client.approveTask(id)],
  ] as const)('posts %s to the task', async (action, run) => {
    let seen: { method: string; url: string } | undefined;
    server.use(
      http.post(`${baseUrl}/tasks/:id/${action}`, ({ request }) => {
        seen = { method: request.method, url: request.url };
        return HttpResponse.json({ ...awaitingTask, status: 'pending' });
      }),
    );

    const task = await run(42);

    expect(seen).toEqual({
      method: 'POST',
      url: `${baseUrl}/tasks/42/${action}`,
    });
    expect(task.status).toBe('pending');
  });

  it('throws the backend error of an action as a ResponseError', async () => {
    server.use(
      http.post(`${baseUrl}/tasks/:id/approve`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'Task 41 is failed, not awaiting_approval',
            },
            request: { method: 'POST', url: '/tasks/41/approve' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );

    const promise = client.approveTask(41);

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 409,
      cause: { message: 'Task 41 is failed, not awaiting_approval' },
    });
  });
});
