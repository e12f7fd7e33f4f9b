import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { openedRefresh, staleContext } from '../__fixtures__/agentContext';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient agent context calls', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });
  const entityRef = 'Component:default/payments-api';

  it('gets the stored context by kind, namespace and name, with the user token', async () => {
    let auth: string | null = null;
    server.use(
      http.get(
        `${baseUrl}/agent-context/:kind/:namespace/:name`,
        ({ request, params }) => {
          auth = request.headers.get('authorization');
          expect(params).toEqual({
            kind: 'component',
            namespace: 'default',
            name: 'payments-api',
          });
          return HttpResponse.json(staleContext);
        },
      ),
    );

    expect(await client.getAgentContext({ entityRef })).toEqual(staleContext);
    expect(auth).toBe('Bearer user-token');
  });

  it('posts generate and refresh, and gets the staleness check', async () => {
    const seen: string[] = [];
    server.use(
      http.post(
        `${baseUrl}/agent-context/component/default/payments-api/generate`,
        ({ request }) => {
          seen.push(`${request.method} generate`);
          return HttpResponse.json(staleContext);
        },
      ),
      http.get(
        `${baseUrl}/agent-context/component/default/payments-api/staleness`,
        ({ request }) => {
          seen.push(`${request.method} staleness`);
          return HttpResponse.json({
            entityRef: 'component:default/payments-api',
            stale: false,
            factsHash: 'a',
            committedHash: 'a',
            changes: { added: [], removed: [] },
            checkedAt: '2026-02-02T10:00:00.000Z',
          });
        },
      ),
      http.post(
        `${baseUrl}/agent-context/component/default/payments-api/refresh`,
        ({ request }) => {
          seen.push(`${request.method} refresh`);
          return HttpResponse.json(openedRefresh);
        },
      ),
    );

    expect((await client.generateAgentContext({ entityRef })).factsHash).toBe(
      staleContext.factsHash,
    );
    expect((await client.checkAgentContext({ entityRef })).stale).toBe(false);
    expect(await client.refreshAgentContext({ entityRef })).toEqual(
      openedRefresh,
    );
    expect(seen).toEqual(['POST generate', 'GET staleness', 'POST refresh']);
  });

  it('encodes names and throws a ResponseError with the backend error', async () => {
    let path: string | undefined;
    server.use(
      http.post(`${baseUrl}/agent-context/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'GitHub rate limit reached',
            },
            request: { method: 'POST', url: path },
            response: { statusCode: 503 },
          },
          { status: 503 },
        );
      }),
    );

    const promise = client.refreshAgentContext({
      entityRef: 'component:team a/pay ments',
    });

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 503,
      cause: { message: 'GitHub rate limit reached' },
    });
    expect(path).toBe(
      '/api/platform/agent-context/component/team%20a/pay%20ments/refresh',
    );
  });
});
