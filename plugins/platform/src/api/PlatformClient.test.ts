import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { authDetail, authSummary } from '../__fixtures__/specs';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 'user-token' } }),
  });

  it('lists specs with every given filter as a query parameter', async () => {
    let seen: URL | undefined;
    let auth: string | null = null;
    server.use(
      http.get(`${baseUrl}/specs`, ({ request }) => {
        seen = new URL(request.url);
        auth = request.headers.get('authorization');
        return HttpResponse.json({ items: [authSummary], totalCount: 41 });
      }),
    );

    const result = await client.listSpecs({
      owner: 'group:default/payments-team',
      status: 'in progress',
      minCompletion: 0.25,
      maxCompletion: 1,
      search: 'auth',
      orderBy: 'completion',
      order: 'desc',
      limit: 20,
      offset: 40,
      entityRef: undefined,
    });

    expect(result).toEqual({ items: [authSummary], totalCount: 41 });
    expect(auth).toBe('Bearer user-token');
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      owner: 'group:default/payments-team',
      status: 'in progress',
      minCompletion: '0.25',
      maxCompletion: '1',
      search: 'auth',
      orderBy: 'completion',
      order: 'desc',
      limit: '20',
      offset: '40',
    });
  });

  it('lists specs without a query string when no filter is given', async () => {
    let seen: string | undefined;
    server.use(
      http.get(`${baseUrl}/specs`, ({ request }) => {
        seen = request.url;
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );

    await client.listSpecs();

    expect(seen).toBe(`${baseUrl}/specs`);
  });

  it('gets one spec by its component ref and slug', async () => {
    let seen: string | undefined;
    server.use(
      http.get(
        `${baseUrl}/specs/:kind/:namespace/:name/:slug`,
        ({ request, params }) => {
          seen = request.url;
          expect(params).toEqual({
            kind: 'component',
            namespace: 'default',
            name: 'payments-api',
            slug: '001-auth',
          });
          return HttpResponse.json(authDetail);
        },
      ),
    );

    const spec = await client.getSpec({
      entityRef: 'Component:default/payments-api',
      slug: '001-auth',
    });

    expect(seen).toBe(
      `${baseUrl}/specs/component/default/payments-api/001-auth`,
    );
    expect(spec.tasks).toHaveLength(5);
    expect(spec.pullRequests[0].number).toBe(42);
  });

  it('gets a nested file, keeping its slashes and encoding each segment', async () => {
    let seen: string | undefined;
    server.use(
      http.get(`${baseUrl}/specs/*`, ({ request }) => {
        seen = request.url;
        return HttpResponse.json({
          path: 'contracts/auth api.yaml',
          kind: 'contract',
          content: 'openapi: 3.0.0\n',
          mediaType: 'application/yaml',
        });
      }),
    );

    const file = await client.getSpecFile({
      entityRef: 'component:default/payments-api',
      slug: '001-auth',
      path: 'contracts/auth api.yaml',
    });

    expect(seen).toBe(
      `${baseUrl}/specs/component/default/payments-api/001-auth/files/contracts/auth%20api.yaml`,
    );
    expect(file.mediaType).toBe('application/yaml');
  });

  it('posts a refresh with the component ref as JSON', async () => {
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/specs/refresh`, async ({ request }) => {
        expect(request.headers.get('content-type')).toBe('application/json');
        body = await request.json();
        return HttpResponse.json({
          entityRef: 'component:default/payments-api',
          updated: 1,
          unchanged: 2,
          removed: 0,
        });
      }),
    );

    const result = await client.refreshSpecs({
      entityRef: 'component:default/payments-api',
    });

    expect(body).toEqual({ entityRef: 'component:default/payments-api' });
    expect(result.unchanged).toBe(2);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/specs/:kind/:namespace/:name/:slug`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No spec 404-nope' },
            request: {
              method: 'GET',
              url: '/specs/component/default/x/404-nope',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const promise = client.getSpec({
      entityRef: 'component:default/x',
      slug: '404-nope',
    });

    await expect(promise).rejects.toBeInstanceOf(ResponseError);
    await expect(promise).rejects.toMatchObject({
      statusCode: 404,
      cause: { name: 'NotFoundError', message: 'No spec 404-nope' },
    });
  });

  it('throws a ResponseError for a refresh the user may not do', async () => {
    server.use(
      http.post(`${baseUrl}/specs/refresh`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            request: { method: 'POST', url: '/specs/refresh' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    await expect(
      client.refreshSpecs({ entityRef: 'component:default/x' }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });
});
