import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { complianceOverview, driftedReport } from '../__fixtures__/conventions';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient conventions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

  it('gets the report of a component by kind, namespace and name', async () => {
    let seen: string | undefined;
    server.use(
      http.get(
        `${baseUrl}/conventions/:kind/:namespace/:name`,
        ({ request }) => {
          seen = request.url;
          return HttpResponse.json(driftedReport);
        },
      ),
    );

    const report = await client.getConventions({
      entityRef: 'Component:default/payments-api',
    });

    expect(seen).toBe(`${baseUrl}/conventions/component/default/payments-api`);
    expect(report.pullRequest?.number).toBe(9);
  });

  it('posts the fix of a component', async () => {
    let seen: { method: string; url: string } | undefined;
    server.use(
      http.post(
        `${baseUrl}/conventions/:kind/:namespace/:name/fix`,
        ({ request }) => {
          seen = { method: request.method, url: request.url };
          return HttpResponse.json({
            entityRef: 'component:default/payments-api',
            status: 'up-to-date',
            branch: 'catalyst/conventions',
            files: [],
          });
        },
      ),
    );

    const result = await client.fixConventions({
      entityRef: 'component:default/payments-api',
    });

    expect(seen).toEqual({
      method: 'POST',
      url: `${baseUrl}/conventions/component/default/payments-api/fix`,
    });
    expect(result.status).toBe('up-to-date');
  });

  it('lists compliance with drifted, pack, text and page as query parameters', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/conventions`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json(complianceOverview);
      }),
    );

    const overview = await client.listConventionCompliance({
      drifted: false,
      packId: 'node-service',
      q: 'payments',
      offset: 20,
      limit: 20,
    });

    expect(overview.totals).toEqual({
      components: 4,
      compliant: 3,
      drifted: 1,
    });
    expect(Object.fromEntries(seen!.searchParams)).toEqual({
      drifted: 'false',
      packId: 'node-service',
      q: 'payments',
      offset: '20',
      limit: '20',
    });
  });

  it('lists compliance without a query string when nothing is filtered', async () => {
    let seen: string | undefined;
    server.use(
      http.get(`${baseUrl}/conventions`, ({ request }) => {
        seen = request.url;
        return HttpResponse.json(complianceOverview);
      }),
    );

    await client.listConventionCompliance();

    expect(seen).toBe(`${baseUrl}/conventions`);
  });

  it('throws a ResponseError when the fix is not allowed', async () => {
    server.use(
      http.post(`${baseUrl}/conventions/:kind/:namespace/:name/fix`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed' },
            request: { method: 'POST', url: '/conventions/x/fix' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    await expect(
      client.fixConventions({ entityRef: 'component:default/x' }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });
});
