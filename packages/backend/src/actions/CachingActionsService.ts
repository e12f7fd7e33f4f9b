import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  ActionsServiceAction,
} from '@backstage/backend-plugin-api/alpha';
import { ResponseError } from '@backstage/errors';
import { JsonObject, JsonValue } from '@backstage/types';
import { createActionFilter } from './actionFilter';
import { invokeRequest, LocalActions } from './LocalActions';

/** How long one principal's action list is reused, unless configured. */
export const DEFAULT_LIST_TTL_MS = 10_000;
/** Principals whose list is kept at once; the oldest entry goes first. */
export const MAX_CACHED_PRINCIPALS = 1_000;

/**
 * Whose list an entry holds: the list a plugin answers depends on the
 * principal (actions with a visibility permission are left out for whom it
 * denies), so each principal, and each actor acting for one, has its own.
 * Anonymous callers are never cached.
 */
function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
  };
  const actor = principal.actor?.subject
    ? ` via ${principal.actor.subject}`
    : '';
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}${actor}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}${actor}`;
  }
  return undefined;
}

interface Entry {
  expires: number;
  actions: Promise<ActionsServiceAction[]>;
}

/**
 * The actions service of Backstage's default implementation (each plugin
 * source's actions fetched over HTTP as the caller, invocation over HTTP at
 * the action's plugin), with the action list kept per principal for a short
 * time. The MCP server lists the actions on every `tools/list` and every
 * `tools/call`; without this each call pays one HTTP request, one token and
 * one zod-to-JSON-schema conversion of every action per plugin source.
 *
 * What stays the same: the list is fetched as the calling principal (so a
 * visibility permission still hides an action from whom it denies), the
 * `backend.actions.filter` config applies as in the default service, and
 * every invocation goes to the plugin as the caller, where the plugin checks
 * the visibility permission again and the action its own permissions.
 *
 * Invocation: an action of a plugin of this backend (one that registered
 * through `inProcessActionsRegistryServiceFactory`, given as `localActions`)
 * runs in process with the checks of the registry's invoke route (see
 * `LocalPluginActions.invoke`): the same plugin request token, read by the
 * owning plugin's auth, the same validation and the same `ResponseError`s.
 * An action of a plugin elsewhere goes over HTTP as in the default service.
 *
 * Invalidation: an entry lives `ttlMs`; a list in which a plugin source
 * failed is not kept; concurrent misses for one principal share one fetch;
 * an invocation answered "not found" drops that principal's entry (the
 * plugin restarted without the action); `invalidate()` drops all.
 */
export class CachingActionsService implements ActionsService {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      config: RootConfigService;
      logger: LoggerService;
      auth: AuthService;
      localActions?: LocalActions;
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  async list({
    credentials,
  }: {
    credentials: BackstageCredentials;
  }): Promise<{ actions: ActionsServiceAction[] }> {
    const key = principalKey(credentials);
    if (key === undefined) {
      return { actions: (await this.fetchAll(credentials)).actions };
    }
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) {
      return { actions: await cached.actions };
    }
    const fetched = this.fetchAll(credentials);
    const entry: Entry = {
      expires: now + (this.options.ttlMs ?? DEFAULT_LIST_TTL_MS),
      actions: fetched.then(result => result.actions),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_CACHED_PRINCIPALS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    fetched.then(result => result.complete || drop(), drop);
    return { actions: await entry.actions };
  }

  async invoke(opts: {
    id: string;
    input?: JsonObject;
    secrets?: JsonObject;
    credentials: BackstageCredentials;
  }): Promise<{ output: JsonValue }> {
    const colon = opts.id.indexOf(':');
    if (colon === -1) throw new Error(`Invalid action id: ${opts.id}`);
    const pluginId = opts.id.substring(0, colon);
    try {
      const local = this.options.localActions?.plugin(pluginId);
      if (local) {
        const { token } = await this.options.auth.getPluginRequestToken({
          onBehalfOf: opts.credentials,
          targetPluginId: pluginId,
        });
        return await local.invoke({
          id: opts.id,
          input: opts.input,
          secrets: opts.secrets,
          token,
        });
      }
      return await this.invokeOverHttp(pluginId, opts);
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) {
        // The plugin no longer has the action (or no longer shows it to
        // this principal): the principal's list is stale.
        const key = principalKey(opts.credentials);
        if (key !== undefined) this.entries.delete(key);
      }
      throw error;
    }
  }

  /** Drops every cached list (for example when a plugin is redeployed). */
  invalidate(): void {
    this.entries.clear();
  }

  private async invokeOverHttp(
    pluginId: string,
    opts: {
      id: string;
      input?: JsonObject;
      secrets?: JsonObject;
      credentials: BackstageCredentials;
    },
  ): Promise<{ output: JsonValue }> {
    const { path, body } = invokeRequest(opts);
    const response = await this.request(pluginId, path, opts.credentials, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { output } = await response.json();
    return { output };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async fetchAll(
    credentials: BackstageCredentials,
  ): Promise<{ actions: ActionsServiceAction[]; complete: boolean }> {
    const sources =
      this.options.config.getOptionalStringArray(
        'backend.actions.pluginSources',
      ) ?? [];
    let complete = true;
    const lists = await Promise.all(
      sources.map(async source => {
        try {
          const response = await this.request(
            source,
            '/.backstage/actions/v1/actions',
            credentials,
          );
          if (!response.ok) throw await ResponseError.fromResponse(response);
          const body = (await response.json()) as {
            actions: ActionsServiceAction[];
          };
          return body.actions;
        } catch (error) {
          complete = false;
          this.options.logger.warn(
            `Failed to fetch actions from ${source}`,
            error as Error,
          );
          return [];
        }
      }),
    );
    return {
      actions: createActionFilter(this.options.config)(lists.flat()),
      complete,
    };
  }

  private async request(
    pluginId: string,
    path: string,
    credentials: BackstageCredentials,
    init?: RequestInit,
  ): Promise<Response> {
    const baseUrl = await this.options.discovery.getBaseUrl(pluginId);
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: pluginId,
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init?.headers, Authorization: `Bearer ${token}` },
    });
  }
}
