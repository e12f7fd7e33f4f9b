import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  ActionsRegistryService,
  actionsRegistryServiceRef,
  ActionsService,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotAllowedError,
  ResponseError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { AddressInfo } from 'node:net';
import { cachingActionsServiceFactory } from './cachingActionsServiceFactory';
import { CachingActionsService } from './CachingActionsService';
import { inProcessActionsRegistryServiceFactory } from './inProcessActionsRegistryServiceFactory';
import { MAX_INVOKE_BODY_BYTES } from './LocalActions';

/*
 * Two real backends. The first runs the `local` plugin, whose actions the
 * backend's actions service invokes in process, and a `probe` plugin that
 * holds that actions service and, to compare, one that always goes over
 * HTTP to Backstage's registry route (which the in-process registry still
 * serves). The second backend runs the `remote` plugin with Backstage's own
 * registry: reachable only over HTTP.
 */

const hiddenPermission = createPermission({
  name: 'test.hidden.view',
  attributes: { action: 'read' },
});
const guardedPermission = createPermission({
  name: 'test.guarded.use',
  attributes: { action: 'update' },
});
const MALLORY = 'user:default/mallory';

/** The principal an action was called with, as plain JSON. */
function describePrincipal(
  credentials: BackstageCredentials,
): Record<string, string> {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
  };
  return {
    type: principal.type,
    ...(principal.userEntityRef && { user: principal.userEntityRef }),
    ...(principal.subject && { subject: principal.subject }),
    ...(principal.actor?.subject && { actor: principal.actor.subject }),
  };
}

const localPlugin = createBackendPlugin({
  pluginId: 'local',
  register(env) {
    env.registerInit({
      deps: {
        registry: actionsRegistryServiceRef,
        permissions: coreServices.permissions,
      },
      async init({ registry, permissions }) {
        register(registry, permissions);
      },
    });
  },
});

function register(
  registry: ActionsRegistryService,
  permissions: typeof coreServices.permissions.T,
) {
  const readOnly = { readOnly: true, idempotent: true, destructive: false };
  registry.register({
    name: 'echo',
    title: 'Echo',
    description: 'Echoes its text, with the principal it was called as.',
    attributes: readOnly,
    schema: {
      input: z => z.object({ text: z.string().max(10), at: z.any() }),
      output: z =>
        z.object({
          text: z.string(),
          principal: z.record(z.string()),
          at: z.any(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        text: input.text,
        principal: describePrincipal(credentials),
        // Not JSON: crosses the wire as a string.
        at: new Date(0),
      },
    }),
  });
  registry.register({
    name: 'bad-output',
    title: 'Bad output',
    description: 'Answers what its output schema refuses.',
    attributes: readOnly,
    schema: {
      input: z => z.object({}),
      output: z => z.object({ ok: z.boolean() }),
    },
    action: async () => ({ output: { ok: 'yes' } as any }),
  });
  registry.register({
    name: 'fails',
    title: 'Fails',
    description: 'Throws what it is asked to.',
    attributes: readOnly,
    schema: {
      input: z =>
        z.object({ kind: z.enum(['conflict', 'plain', 'database', 'string']) }),
      output: z => z.object({}),
    },
    action: async ({ input }) => {
      switch (input.kind) {
        case 'conflict':
          throw new ConflictError('already there');
        case 'database': {
          class DatabaseError extends Error {}
          throw new DatabaseError('relation "secret_table" does not exist');
        }
        case 'string':
          // eslint-disable-next-line no-throw-literal
          throw 'not an error';
        default:
          throw new Error('plain failure');
      }
    },
  });
  registry.register({
    name: 'hidden',
    title: 'Hidden',
    description: 'Visible behind a permission.',
    attributes: readOnly,
    visibilityPermission: hiddenPermission,
    schema: {
      input: z => z.object({}),
      output: z => z.object({ seen: z.boolean() }),
    },
    action: async () => ({ output: { seen: true } }),
  });
  registry.register({
    name: 'guarded',
    title: 'Guarded',
    description: 'Checks its own permission with the forwarded credentials.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z => z.object({}),
      output: z => z.object({ done: z.boolean() }),
    },
    action: async ({ credentials }) => {
      const [decision] = await permissions.authorize(
        [{ permission: guardedPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError('not yours');
      }
      return { output: { done: true } };
    },
  });
  registry.register({
    name: 'with-secrets',
    title: 'With secrets',
    description: 'Needs a key.',
    attributes: readOnly,
    schema: {
      input: z => z.object({}),
      output: z => z.object({ keyLength: z.number() }),
      secrets: z => z.object({ key: z.string().min(4) }),
    },
    action: async ({ secrets }) => ({
      output: { keyLength: secrets.key.length },
    }),
  });
  registry.register({
    name: 'wipe',
    title: 'Wipe',
    description: 'Destructive: the filter of this backend leaves it out.',
    attributes: { readOnly: false, idempotent: false, destructive: true },
    schema: { input: z => z.object({}), output: z => z.object({}) },
    action: async () => ({ output: {} }),
  });
}

const remotePlugin = createBackendPlugin({
  pluginId: 'remote',
  register(env) {
    env.registerInit({
      deps: { registry: actionsRegistryServiceRef },
      async init({ registry }) {
        registry.register({
          name: 'whoami',
          title: 'Who am I',
          description: 'The principal it was called as.',
          attributes: { readOnly: true, idempotent: true, destructive: false },
          schema: {
            input: z => z.object({}),
            output: z => z.object({ principal: z.record(z.string()) }),
          },
          action: async ({ credentials }) => ({
            output: { principal: describePrincipal(credentials) },
          }),
        });
      },
    });
  },
});

/** The actions services the `probe` plugin was given, and its own services. */
let probe: {
  actions: ActionsService;
  discovery: DiscoveryService;
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
};
const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: {
        actions: actionsServiceRef,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
      },
      async init(deps) {
        probe = deps;
      },
    });
  },
});

/** Which plugins the first backend looked up a URL for: an HTTP request each. */
const lookups: string[] = [];
const bases: { self?: string; remote?: string } = {};
const countingDiscovery = createServiceFactory({
  service: coreServices.discovery,
  deps: {},
  factory: () => {
    const getBaseUrl = async (pluginId: string) => {
      lookups.push(pluginId);
      const base = pluginId === 'remote' ? bases.remote : bases.self;
      if (!base) throw new Error('backend not started');
      return `${base}/api/${pluginId}`;
    };
    return { getBaseUrl, getExternalBaseUrl: getBaseUrl };
  },
});

const permissionPolicy = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const principal = options?.credentials.principal as {
      userEntityRef?: string;
    };
    return requests.map(() => ({
      result:
        principal.userEntityRef === MALLORY
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })) as any;
  },
}).factory;

const rootConfig = mockServices.rootConfig.factory({
  data: {
    backend: {
      actions: {
        pluginSources: ['local', 'remote'],
        filter: { exclude: [{ attributes: { destructive: true } }] },
      },
    },
  },
});

const baseOf = (server: { address(): string | AddressInfo | null }) =>
  `http://localhost:${(server.address() as AddressInfo).port}`;

type Outcome =
  | { output: unknown }
  | {
      error: string;
      statusCode?: number;
      statusText?: string;
      message: string;
      body?: unknown;
    };

/** What a caller observes of an invocation: its output or its error. */
async function outcome(invocation: Promise<{ output: unknown }>) {
  try {
    return { output: (await invocation).output } as Outcome;
  } catch (e) {
    if (ResponseError.is(e)) {
      const body = e.body as { error: JsonObject; response: JsonObject };
      return {
        error: e.name,
        statusCode: e.statusCode,
        statusText: e.statusText,
        message: e.message,
        // The request part names the URL as the server saw it.
        body: { error: body.error, response: body.response },
      } as Outcome;
    }
    const error = e as Error;
    return { error: error.name, message: error.message } as Outcome;
  }
}

describe('in-process action invocation', () => {
  let overHttp: CachingActionsService;

  beforeAll(async () => {
    const remote = await startTestBackend({
      features: [
        remotePlugin,
        mockServices.rootConfig.factory({
          data: { backend: { actions: { pluginSources: ['remote'] } } },
        }),
      ],
    });
    bases.remote = baseOf(remote.server);
    const local = await startTestBackend({
      features: [
        localPlugin,
        probePlugin,
        inProcessActionsRegistryServiceFactory,
        cachingActionsServiceFactory,
        countingDiscovery,
        permissionPolicy,
        rootConfig,
      ],
    });
    bases.self = baseOf(local.server);
    // The default service's path: every invocation a request to the
    // plugin's registry route.
    overHttp = new CachingActionsService({
      discovery: probe.discovery,
      config: probe.config,
      logger: probe.logger,
      auth: probe.auth,
    });
  });

  beforeEach(() => {
    lookups.length = 0;
  });

  const alice = mockCredentials.user('user:default/alice');
  const mallory = mockCredentials.user(MALLORY);
  const agent = mockCredentials.service('external:agent');

  /** One call both ways; the two must be observed the same. */
  async function both(opts: Parameters<ActionsService['invoke']>[0]) {
    const inProcess = await outcome(probe.actions.invoke(opts));
    expect(lookups.filter(id => id === 'local')).toEqual([]);
    const http = await outcome(overHttp.invoke(opts));
    expect(lookups.filter(id => id === 'local')).toEqual(['local']);
    lookups.length = 0;
    expect(inProcess).toEqual(http);
    return inProcess;
  }

  it('forwards the caller: a user stays that user, a service becomes the calling plugin', async () => {
    expect(
      await both({
        id: 'local:echo',
        input: { text: 'hi' },
        credentials: alice,
      }),
    ).toEqual({
      output: {
        text: 'hi',
        principal: expect.objectContaining({
          type: 'user',
          user: 'user:default/alice',
        }),
        at: '1970-01-01T00:00:00.000Z',
      },
    });
    // (Backstage's auth forwards a service as the calling plugin; the mock
    // auth of the test backend keeps the subject. Either way both paths see
    // the same.)
    expect(
      await both({
        id: 'local:echo',
        input: { text: 'hi' },
        credentials: agent,
      }),
    ).toEqual({
      output: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
  });

  it('refuses input and output their schemas refuse, as InputErrors', async () => {
    const tooLong = await both({
      id: 'local:echo',
      input: { text: 'far too long a text' },
      credentials: alice,
    });
    expect(tooLong).toMatchObject({
      error: 'ResponseError',
      statusCode: 400,
      body: {
        error: {
          name: 'InputError',
          message: expect.stringMatching(
            /^Invalid input to action "local:echo"; caused by .*too_big/s,
          ),
          cause: { name: 'ZodError' },
        },
      },
    });
    expect(await both({ id: 'local:echo', credentials: alice })).toMatchObject({
      statusCode: 400,
      body: { error: { name: 'InputError' } },
    });
    expect(
      await both({ id: 'local:bad-output', input: {}, credentials: alice }),
    ).toMatchObject({
      statusCode: 400,
      body: {
        error: {
          name: 'InputError',
          message: expect.stringMatching(
            /^Invalid output from action "local:bad-output"/,
          ),
        },
      },
    });
  });

  it('checks secrets as the v2 route does', async () => {
    expect(
      await both({
        id: 'local:with-secrets',
        input: {},
        secrets: { key: 'abcd' },
        credentials: alice,
      }),
    ).toEqual({ output: { keyLength: 4 } });
    expect(
      await both({ id: 'local:with-secrets', input: {}, credentials: alice }),
    ).toMatchObject({
      statusCode: 400,
      body: {
        error: {
          message:
            'Action "local:with-secrets" requires secrets but none were provided',
        },
      },
    });
    expect(
      await both({
        id: 'local:with-secrets',
        input: {},
        secrets: { key: 'ab' },
        credentials: alice,
      }),
    ).toMatchObject({
      statusCode: 400,
      body: {
        error: {
          message: expect.stringMatching(
            /^Invalid secrets for action "local:with-secrets"/,
          ),
        },
      },
    });
    expect(
      await both({
        id: 'local:echo',
        input: { text: 'hi' },
        secrets: { key: 'abcd' },
        credentials: alice,
      }),
    ).toMatchObject({
      statusCode: 400,
      body: {
        error: { message: 'Action "local:echo" does not accept secrets' },
      },
    });
  });

  it('hides an action behind its visibility permission and lets the action check its own', async () => {
    expect(
      await both({ id: 'local:hidden', input: {}, credentials: alice }),
    ).toEqual({ output: { seen: true } });
    expect(
      await both({ id: 'local:hidden', input: {}, credentials: mallory }),
    ).toMatchObject({
      statusCode: 404,
      body: {
        error: {
          name: 'NotFoundError',
          message: 'Action "local:hidden" not found',
        },
      },
    });
    expect(
      await both({ id: 'local:guarded', input: {}, credentials: alice }),
    ).toEqual({ output: { done: true } });
    expect(
      await both({ id: 'local:guarded', input: {}, credentials: mallory }),
    ).toMatchObject({
      statusCode: 403,
      body: { error: { name: 'NotAllowedError', message: 'not yours' } },
    });
  });

  it('answers not found for an unknown action and one the filter leaves out', async () => {
    for (const id of ['local:nope', 'local:wipe']) {
      expect(await both({ id, input: {}, credentials: alice })).toMatchObject({
        statusCode: 404,
        body: {
          error: { name: 'NotFoundError', message: `Action "${id}" not found` },
        },
      });
    }
  });

  it("maps the action's errors to the route's statuses, hiding database errors", async () => {
    expect(
      await both({
        id: 'local:fails',
        input: { kind: 'conflict' },
        credentials: alice,
      }),
    ).toMatchObject({
      statusCode: 409,
      body: { error: { name: 'ConflictError', message: 'already there' } },
    });
    expect(
      await both({
        id: 'local:fails',
        input: { kind: 'plain' },
        credentials: alice,
      }),
    ).toMatchObject({
      statusCode: 500,
      body: { error: { name: 'Error', message: 'plain failure' } },
    });

    // The log reference differs from call to call; the rest is the same.
    for (const kind of ['database', 'string']) {
      const opts = { id: 'local:fails', input: { kind }, credentials: alice };
      const inProcess = (await outcome(probe.actions.invoke(opts))) as any;
      const http = (await outcome(overHttp.invoke(opts))) as any;
      for (const seen of [inProcess, http]) {
        expect(seen).toMatchObject({ statusCode: 500 });
        expect(seen.body.error.message).toMatch(
          /^An internal error occurred logId=[0-9a-f]{20}$/,
        );
        expect(JSON.stringify(seen)).not.toContain('secret_table');
      }
    }
  });

  it('refuses a body over the route limit', async () => {
    expect(
      await both({
        id: 'local:echo',
        input: { text: 'x'.repeat(MAX_INVOKE_BODY_BYTES) },
        credentials: alice,
      }),
    ).toMatchObject({
      statusCode: 413,
      body: {
        error: {
          name: 'PayloadTooLargeError',
          message: 'request entity too large',
        },
      },
    });
  });

  it('refuses an anonymous caller before any plugin is reached', async () => {
    expect(
      await both({
        id: 'local:echo',
        input: { text: 'hi' },
        credentials: mockCredentials.none(),
      }),
    ).toMatchObject({ error: expect.stringMatching(/Error$/) });
  });

  it('invokes a plugin of another backend over HTTP, as the caller', async () => {
    const { output } = await probe.actions.invoke({
      id: 'remote:whoami',
      input: {},
      credentials: alice,
    });
    expect(output).toEqual({
      principal: expect.objectContaining({
        type: 'user',
        user: 'user:default/alice',
      }),
    });
    expect(lookups).toEqual(['remote']);
  });
});
