import {
  AuthService,
  BackstageCredentials,
  createServiceFactory,
  createServiceRef,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject, JsonValue } from '@backstage/types';
import { createRequire } from 'node:module';
import { createActionFilter } from './actionFilter';
import { toRouteError } from './routeError';

type RegisteredAction = ActionsRegistryActionOptions<any, any, any>;
type ActionZod = Parameters<RegisteredAction['schema']['input']>[0];
type ActionSchema = ReturnType<RegisteredAction['schema']['input']>;

/**
 * A recorded action with its zod schemas, built once: the schema functions
 * are pure, and building them (a few dozen zod objects) on every call cost
 * more than parsing with them.
 */
interface RecordedAction {
  action: RegisteredAction;
  input?: ActionSchema;
  secrets?: ActionSchema;
  output?: ActionSchema;
}

/**
 * The zod that Backstage's registry route hands to the schema functions:
 * the one `@backstage/backend-defaults` resolves, so input, secrets and
 * output are parsed by the same zod, with the same messages, as over HTTP.
 */
const z: ActionZod = createRequire(
  require.resolve('@backstage/backend-defaults/alpha'),
)('zod/v3').z;

/**
 * The largest request body the registry's invoke route accepts: it parses
 * bodies with `express.json()`, whose default limit is 100 kB.
 */
export const MAX_INVOKE_BODY_BYTES = 100 * 1024;

function payloadTooLarge(length: number): Error {
  // What `express.json()` throws: an `http-errors` 413, whose status fields
  // live on its prototype (not serialised into the response body).
  const error = Object.assign(new Error('request entity too large'), {
    name: 'PayloadTooLargeError',
    expected: length,
    length,
    limit: MAX_INVOKE_BODY_BYTES,
    type: 'entity.too.large',
  });
  for (const [key, value] of Object.entries({
    expose: true,
    status: 413,
    statusCode: 413,
  })) {
    Object.defineProperty(error, key, { value, enumerable: false });
  }
  return error;
}

/**
 * The invoke route's version and JSON body for an invocation, as
 * Backstage's actions service sends them: `v2` with `{ input, secrets }`
 * when there are secrets, `v1` with the input alone otherwise.
 */
export function invokeRequest(opts: {
  id: string;
  input?: JsonObject;
  secrets?: JsonObject;
}): { path: string; body: string | undefined } {
  const version = opts.secrets ? 'v2' : 'v1';
  return {
    path: `/.backstage/actions/${version}/actions/${encodeURIComponent(
      opts.id,
    )}/invoke`,
    body: JSON.stringify(
      version === 'v2'
        ? { input: opts.input, secrets: opts.secrets }
        : opts.input,
    ),
  };
}

function toAttributes(action: RegisteredAction) {
  return {
    destructive: action.attributes?.destructive ?? !action.attributes?.readOnly,
    idempotent: action.attributes?.idempotent ?? false,
    readOnly: action.attributes?.readOnly ?? false,
  };
}

/**
 * The actions one plugin of this backend registered, and its services that
 * the registry's invoke route uses: its auth (to read the caller's token),
 * its permissions (visibility), its logger (given to the action).
 */
export class LocalPluginActions {
  private readonly actions = new Map<string, RecordedAction>();
  /** The registry's gate for an action id, read from config once per change. */
  private allowed = new Map<string, boolean>();

  constructor(
    private readonly deps: {
      pluginId: string;
      auth: AuthService;
      logger: LoggerService;
      permissions: PermissionsService;
      config: RootConfigService;
    },
  ) {
    // Backstage's registry reads the gate's config on every request; a
    // reloaded config reaches this one through its subscription.
    deps.config.subscribe?.(() => {
      this.allowed = new Map();
    });
  }

  /** Called with each action the plugin registers. */
  record(action: RegisteredAction): void {
    const { input, secrets, output } = action.schema ?? {};
    this.actions.set(`${this.deps.pluginId}:${action.name}`, {
      action,
      input: input?.(z),
      secrets: secrets?.(z),
      output: output?.(z),
    });
  }

  /**
   * Invokes an action as `POST /.backstage/actions/{v1,v2}/actions/:id/invoke`
   * on this plugin does, without the HTTP request: `token` is the plugin
   * request token the caller would send (`getPluginRequestToken` on behalf
   * of its caller), read by this plugin's auth as `httpAuth` reads the
   * header. The body goes through JSON as on the wire (and under the same
   * 100 kB limit), then the route's checks in the route's order: an
   * authenticated principal, the action exists and passes
   * `backend.actions.pluginSources` and `backend.actions.filter`, its
   * visibility permission, the input and secrets schemas, the action (whose
   * own permission checks run with the forwarded credentials), the output
   * schema. Anything thrown comes out as the `ResponseError` the HTTP
   * caller would get.
   */
  async invoke(opts: {
    id: string;
    input?: JsonObject;
    secrets?: JsonObject;
    token: string;
  }): Promise<{ output: JsonValue }> {
    const version = opts.secrets ? 'v2' : 'v1';
    const { path, body: json } = invokeRequest(opts);
    const url = `/api/${this.deps.pluginId}${path}`;
    try {
      // The plugin router's auth comes first, then express.json(), then
      // the route.
      const credentials = opts.token
        ? await this.deps.auth.authenticate(opts.token)
        : await this.deps.auth.getNoneCredentials();
      // No body: express.json() leaves `{}`.
      const bytes = json === undefined ? 0 : Buffer.byteLength(json);
      if (bytes > MAX_INVOKE_BODY_BYTES) throw payloadTooLarge(bytes);
      const body = json === undefined ? {} : JSON.parse(json);
      const output = await this.run(opts.id, credentials, {
        input: version === 'v2' ? body.input : body,
        secrets: version === 'v2' ? body.secrets : undefined,
      });
      // As `res.json({ output })` and the caller's `response.json()`.
      return { output: JSON.parse(JSON.stringify({ output })).output };
    } catch (error) {
      throw await toRouteError(error, { url, logger: this.deps.logger });
    }
  }

  private async run(
    id: string,
    credentials: BackstageCredentials,
    raw: { input: unknown; secrets: unknown },
  ): Promise<unknown> {
    if (this.deps.auth.isPrincipal(credentials, 'none')) {
      throw new NotAllowedError(
        `Actions must be invoked by an authenticated principal, not an anonymous request`,
      );
    }
    const recorded = this.actions.get(id);
    if (!recorded || !this.isAllowed(id, recorded.action)) {
      throw new NotFoundError(`Action "${id}" not found`);
    }
    const { action } = recorded;
    if (action.visibilityPermission) {
      const [decision] = await this.deps.permissions.authorize(
        [{ permission: action.visibilityPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotFoundError(`Action "${id}" not found`);
      }
    }
    const input = recorded.input
      ? recorded.input.safeParse(raw.input)
      : { success: true as const, data: undefined };
    if (!input.success) {
      throw new InputError(`Invalid input to action "${id}"`, input.error);
    }
    if (recorded.secrets && !raw.secrets) {
      throw new InputError(
        `Action "${id}" requires secrets but none were provided`,
      );
    }
    if (!recorded.secrets && raw.secrets) {
      throw new InputError(`Action "${id}" does not accept secrets`);
    }
    const secrets = recorded.secrets
      ? recorded.secrets.safeParse(raw.secrets)
      : { success: true as const, data: undefined };
    if (!secrets.success) {
      throw new InputError(`Invalid secrets for action "${id}"`, secrets.error);
    }
    const result = await action.action({
      input: input.data,
      secrets: secrets.data,
      credentials,
      logger: this.deps.logger,
    });
    const output = recorded.output
      ? recorded.output.safeParse(result?.output)
      : { success: true as const, data: result?.output };
    if (!output.success) {
      throw new InputError(`Invalid output from action "${id}"`, output.error);
    }
    return output.data;
  }

  /** The registry's own gate: plugin sources, then `backend.actions.filter`. */
  private isAllowed(id: string, action: RegisteredAction): boolean {
    let allowed = this.allowed.get(id);
    if (allowed === undefined) {
      allowed = this.gate(id, action);
      this.allowed.set(id, allowed);
    }
    return allowed;
  }

  private gate(id: string, action: RegisteredAction): boolean {
    const sources = this.deps.config.getOptionalStringArray(
      'backend.actions.pluginSources',
    );
    if (sources && !sources.includes(this.deps.pluginId)) return false;
    const filter = createActionFilter(this.deps.config);
    return filter([{ id, attributes: toAttributes(action) }]).length === 1;
  }
}

/**
 * The plugins of this backend that registered actions, each with its
 * actions: filled by `inProcessActionsRegistryServiceFactory`, read by the
 * caching actions service to invoke an action of a plugin of this backend
 * without the HTTP hop. One per backend (a root service), so two backends in
 * one process (tests) never see each other's plugins.
 */
export class LocalActions {
  private readonly plugins = new Map<string, LocalPluginActions>();

  /** The record of one plugin's actions; one per plugin. */
  addPlugin(
    deps: ConstructorParameters<typeof LocalPluginActions>[0],
  ): LocalPluginActions {
    if (this.plugins.has(deps.pluginId)) {
      throw new Error(
        `The actions of plugin "${deps.pluginId}" are already recorded`,
      );
    }
    const plugin = new LocalPluginActions(deps);
    this.plugins.set(deps.pluginId, plugin);
    return plugin;
  }

  /** The plugin's actions if the plugin runs in this backend. */
  plugin(pluginId: string): LocalPluginActions | undefined {
    return this.plugins.get(pluginId);
  }
}

/** This backend's {@link LocalActions}. */
export const localActionsServiceRef = createServiceRef<LocalActions>({
  id: 'catalyst.actions.local',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => new LocalActions(),
    }),
});
