import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * Calls another backend plugin's route as this plugin (a service principal), so the
 * target applies its own permissions and scoping exactly as for any caller. The
 * returned function sends JSON and answers the parsed JSON body; a non-2xx answer
 * throws a `ResponseError`.
 *
 * @public
 */
export function pluginRequester(
  deps: { discovery: DiscoveryService; auth: AuthService },
  targetPluginId: string,
) {
  return async function send<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      deps.discovery.getBaseUrl(targetPluginId),
      deps.auth.getPluginRequestToken({
        onBehalfOf: await deps.auth.getOwnServiceCredentials(),
        targetPluginId,
      }),
    ]);
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  };
}
