import { AuthService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ActionsServiceAction } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CachingActionsService } from './CachingActionsService';

/*
 * A real HTTP server stands for the plugins' actions endpoints
 * (`/api/<plugin>/.backstage/actions/...`) and counts what it is asked, so
 * the tests see which lists come from the cache and which from the plugins.
 */

function action(
  pluginId: string,
  name: string,
  attributes: Partial<ActionsServiceAction['attributes']> = {},
): ActionsServiceAction {
  return {
    id: `${pluginId}:${name}`,
    name,
    title: name,
    description: name,
    pluginId,
    attributes: {
      destructive: false,
      idempotent: true,
      readOnly: true,
      ...attributes,
    },
    schema: { input: {} as any, output: {} as any },
  };
}

describe('CachingActionsService', () => {
  let server: Server;
  let base: string;
  const listed: { plugin: string; auth: string }[] = [];
  const invoked: string[] = [];
  let failing = new Set<string>();
  let gone = new Set<string>();
  let release: (() => void) | undefined;
  const actions: Record<string, ActionsServiceAction[]> = {
    platform: [
      action('platform', 'get-spec-context'),
      action('platform', 'enqueue-platform-task', {
        readOnly: false,
        destructive: true,
        idempotent: false,
      }),
    ],
    observability: [action('observability', 'query-metrics')],
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const [, plugin, rest] =
        /^\/api\/([^/]+)(\/.*)$/.exec(req.url ?? '') ?? [];
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (rest === '/.backstage/actions/v1/actions') {
        listed.push({ plugin, auth: req.headers.authorization ?? '' });
        const answer = () =>
          failing.has(plugin)
            ? send(500, { error: { name: 'Error', message: 'down' } })
            : send(200, { actions: actions[plugin] ?? [] });
        if (release) {
          const previous = release;
          release = () => {
            previous();
            answer();
          };
        } else answer();
        return;
      }
      const invoke = /^\/\.backstage\/actions\/v1\/actions\/(.+)\/invoke$/.exec(
        rest ?? '',
      );
      if (invoke) {
        const id = decodeURIComponent(invoke[1]);
        invoked.push(id);
        if (gone.has(id)) {
          send(404, {
            error: {
              name: 'NotFoundError',
              message: `Action "${id}" not found`,
            },
            response: { statusCode: 404 },
          });
          return;
        }
        send(200, { output: { id } });
        return;
      }
      send(404, { error: { name: 'NotFoundError', message: 'no route' } });
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>(done => server.close(() => done())));

  beforeEach(() => {
    listed.length = 0;
    invoked.length = 0;
    failing = new Set();
    gone = new Set();
    release = undefined;
  });

  function service(
    config: JsonObject = {},
    opts: { ttlMs?: number; now?: () => number; auth?: AuthService } = {},
  ) {
    return new CachingActionsService({
      discovery: {
        getBaseUrl: async id => `${base}/api/${id}`,
        getExternalBaseUrl: async id => `${base}/api/${id}`,
      },
      config: mockServices.rootConfig({
        data: {
          backend: {
            actions: { pluginSources: ['platform', 'observability'] },
            ...(config.backend as JsonObject),
          },
        },
      }),
      logger: mockServices.logger.mock(),
      auth: mockServices.auth(),
      ...opts,
    });
  }

  const ids = (list: { actions: ActionsServiceAction[] }) =>
    list.actions.map(a => a.id);
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it('lists every source as the caller once, then answers from the cache until the TTL passes', async () => {
    let now = 1_000;
    const actionsService = service({}, { ttlMs: 5_000, now: () => now });

    const first = await actionsService.list({ credentials: alice });
    expect(ids(first)).toEqual([
      'platform:get-spec-context',
      'platform:enqueue-platform-task',
      'observability:query-metrics',
    ]);
    expect(listed.map(l => l.plugin).sort()).toEqual([
      'observability',
      'platform',
    ]);
    // Fetched on behalf of the user, not as the MCP plugin.
    for (const { auth } of listed) {
      expect(auth).toContain('user:default/alice');
    }

    now += 4_999;
    expect(ids(await actionsService.list({ credentials: alice }))).toEqual(
      ids(first),
    );
    expect(listed).toHaveLength(2);

    now += 1;
    await actionsService.list({ credentials: alice });
    expect(listed).toHaveLength(4);
  });

  it('keeps one list per principal', async () => {
    const actionsService = service();
    await actionsService.list({ credentials: alice });
    await actionsService.list({ credentials: bob });
    await actionsService.list({ credentials: alice });
    await actionsService.list({ credentials: bob });
    expect(listed).toHaveLength(4);
    expect(listed.filter(l => l.auth.includes('bob'))).toHaveLength(2);
  });

  it('does not cache for an anonymous caller', async () => {
    // With the default auth policy turned off, Backstage's auth service sends
    // an anonymous caller's request without a token; the mock one refuses.
    const mockAuth = mockServices.auth();
    const auth: AuthService = Object.assign(Object.create(mockAuth), {
      getPluginRequestToken: async (
        opts: Parameters<AuthService['getPluginRequestToken']>[0],
      ) =>
        mockAuth.isPrincipal(opts.onBehalfOf, 'none')
          ? { token: '' }
          : mockAuth.getPluginRequestToken(opts),
    });
    const actionsService = service({}, { auth });
    await actionsService.list({ credentials: mockCredentials.none() });
    await actionsService.list({ credentials: mockCredentials.none() });
    expect(listed).toHaveLength(4);
  });

  it('shares one fetch between concurrent misses', async () => {
    const actionsService = service();
    release = () => {};
    const lists = [1, 2, 3].map(() =>
      actionsService.list({ credentials: alice }),
    );
    await new Promise(done => setTimeout(done, 50));
    release();
    const answers = await Promise.all(lists);
    expect(answers.map(ids)).toEqual([
      ids(answers[0]),
      ids(answers[0]),
      ids(answers[0]),
    ]);
    expect(ids(answers[0])).toHaveLength(3);
    expect(listed).toHaveLength(2);
  });

  it('does not keep a list in which a source failed', async () => {
    const actionsService = service();
    failing.add('observability');
    expect(ids(await actionsService.list({ credentials: alice }))).toEqual([
      'platform:get-spec-context',
      'platform:enqueue-platform-task',
    ]);
    failing.clear();
    expect(ids(await actionsService.list({ credentials: alice }))).toContain(
      'observability:query-metrics',
    );
    expect(listed).toHaveLength(4);
    await actionsService.list({ credentials: alice });
    expect(listed).toHaveLength(4);
  });

  it('invokes at the plugin as the caller, and drops the list when the plugin no longer has the action', async () => {
    const actionsService = service();
    await actionsService.list({ credentials: alice });
    await actionsService.list({ credentials: bob });
    expect(listed).toHaveLength(4);

    await expect(
      actionsService.invoke({
        id: 'platform:get-spec-context',
        input: { slug: 'x' },
        credentials: alice,
      }),
    ).resolves.toEqual({ output: { id: 'platform:get-spec-context' } });
    await actionsService.list({ credentials: alice });
    expect(listed).toHaveLength(4);

    gone.add('platform:get-spec-context');
    await expect(
      actionsService.invoke({
        id: 'platform:get-spec-context',
        input: {},
        credentials: alice,
      }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
    await actionsService.list({ credentials: alice });
    expect(listed).toHaveLength(6);
    // Bob's list is his own and stays.
    await actionsService.list({ credentials: bob });
    expect(listed).toHaveLength(6);
    expect(invoked).toEqual([
      'platform:get-spec-context',
      'platform:get-spec-context',
    ]);
  });

  it('drops every list on invalidate()', async () => {
    const actionsService = service();
    await actionsService.list({ credentials: alice });
    actionsService.invalidate();
    await actionsService.list({ credentials: alice });
    expect(listed).toHaveLength(4);
  });

  it('applies backend.actions.filter as the default service does', async () => {
    const byId = service({
      backend: {
        actions: {
          pluginSources: ['platform', 'observability'],
          filter: {
            include: [{ id: 'platform:*' }, { id: 'observability:query-*' }],
            exclude: [{ id: '*:enqueue-*' }],
          },
        },
      },
    });
    expect(ids(await byId.list({ credentials: alice }))).toEqual([
      'platform:get-spec-context',
      'observability:query-metrics',
    ]);

    const byAttributes = service({
      backend: {
        actions: {
          pluginSources: ['platform', 'observability'],
          filter: {
            include: [{ id: 'platform:*', attributes: { readOnly: true } }],
          },
        },
      },
    });
    expect(ids(await byAttributes.list({ credentials: alice }))).toEqual([
      'platform:get-spec-context',
    ]);

    const excludeDestructive = service({
      backend: {
        actions: {
          pluginSources: ['platform', 'observability'],
          filter: { exclude: [{ attributes: { destructive: true } }] },
        },
      },
    });
    expect(ids(await excludeDestructive.list({ credentials: alice }))).toEqual([
      'platform:get-spec-context',
      'observability:query-metrics',
    ]);
  });
});
