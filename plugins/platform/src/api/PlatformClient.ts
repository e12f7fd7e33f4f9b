import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  AgentContextRefreshResponse,
  AgentContextStaleness,
  AgentContextView,
  SpecDetail,
  SpecFileContent,
  SpecListQuery,
  SpecListResponse,
  SpecRefreshResponse,
} from '@catalyst/plugin-platform-common';
import type { PlatformApi, SpecLocator } from './PlatformApi';

/**
 * Talks to the platform backend through the app's discovery and fetch APIs,
 * so requests carry the user's Backstage token.
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async listSpecs(query: SpecListQuery = {}): Promise<SpecListResponse> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return this.#request(`/specs${search ? `?${search}` : ''}`);
  }

  async getSpec(spec: SpecLocator): Promise<SpecDetail> {
    return this.#request(specPath(spec));
  }

  async getSpecFile(
    spec: SpecLocator & { path: string },
  ): Promise<SpecFileContent> {
    const filePath = spec.path
      .split('/')
      .filter(Boolean)
      .map(encodeURIComponent)
      .join('/');
    return this.#request(`${specPath(spec)}/files/${filePath}`);
  }

  async refreshSpecs(options: {
    entityRef: string;
  }): Promise<SpecRefreshResponse> {
    return this.#request('/specs/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef: options.entityRef }),
    });
  }

  async getAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextView> {
    return this.#request(agentContextPath(options.entityRef));
  }

  async generateAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextView> {
    return this.#request(`${agentContextPath(options.entityRef)}/generate`, {
      method: 'POST',
    });
  }

  async checkAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextStaleness> {
    return this.#request(`${agentContextPath(options.entityRef)}/staleness`);
  }

  async refreshAgentContext(options: {
    entityRef: string;
  }): Promise<AgentContextRefreshResponse> {
    return this.#request(`${agentContextPath(options.entityRef)}/refresh`, {
      method: 'POST',
    });
  }

  async #request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('platform');
    const res = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}

/** `/specs/:kind/:namespace/:name/:slug`, the way the backend names a folder. */
function specPath(spec: SpecLocator): string {
  const { kind, namespace, name } = parseEntityRef(spec.entityRef);
  return `/specs/${[kind.toLocaleLowerCase('en-US'), namespace, name, spec.slug]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** `/agent-context/:kind/:namespace/:name`, the way the backend names a component. */
function agentContextPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/agent-context/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}
