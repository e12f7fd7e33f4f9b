import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { shopReleases } from '../__fixtures__/releases';
import { PlatformClient } from './PlatformClient';

const baseUrl = 'http://localhost:7007/api/platform';

describe('PlatformClient releases', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

  it('gets the releases of a component, and of one workspace package', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${baseUrl}/releases/:kind/:namespace/:name`, ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json(shopReleases);
      }),
    );

    expect(
      await client.getReleases({ entityRef: 'Component:default/shop' }),
    ).toEqual(shopReleases);
    await client.getReleases({
      entityRef: 'component:default/shop',
      package: '@acme/a',
    });
    expect(seen).toEqual([
      `${baseUrl}/releases/component/default/shop`,
      `${baseUrl}/releases/component/default/shop?package=%40acme%2Fa`,
    ]);
  });

  it('throws a ResponseError with the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/releases/:kind/:namespace/:name`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message:
                'Not allowed to read the releases of component:default/shop',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(
      client.getReleases({ entityRef: 'component:default/shop' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      body: { error: { name: 'NotAllowedError' } },
    });
  });
});
