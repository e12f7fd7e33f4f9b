import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  AgentContextRefreshResponse,
  AgentToolsView,
  AgentContextStaleness,
  AgentContextView,
  ComponentReleases,
  ConventionComplianceOverview,
  ConventionsFixResponse,
  ConventionsReport,
  GithubBudgetResponse,
  PlatformTask,
  PlatformTaskBreaker,
  PlatformTaskDetails,
  PlatformTaskPage,
  SpecDetail,
  SpecFileContent,
  SpecListQuery,
  SpecListResponse,
  SpecRefreshResponse,
} from '@catalyst/plugin-platform-common';
import type {
  ConventionComplianceQuery,
  PlatformApi,
  PlatformTaskListQuery,
  SpecLocator,
} from './PlatformApi';

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
    return this.#request(`/specs${queryString(query)}`);
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

  async getAgentTools(options: { entityRef: string }): Promise<AgentToolsView> {
    return this.#request(componentPath('agent-tools', options.entityRef));
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

  async listTasks(
    query: PlatformTaskListQuery = {},
  ): Promise<PlatformTaskPage> {
    const { status, ...rest } = query;
    return this.#request(
      `/tasks${queryString({ ...rest, status: status?.join(',') })}`,
    );
  }

  async getTask(id: number): Promise<PlatformTaskDetails> {
    return this.#request(`/tasks/${encodeURIComponent(id)}`);
  }

  async listTaskBreakers(): Promise<{ items: PlatformTaskBreaker[] }> {
    return this.#request('/tasks/breakers');
  }

  async getGithubBudget(): Promise<GithubBudgetResponse> {
    return this.#request('/github/budget');
  }

  async retryTask(id: number): Promise<PlatformTask> {
    return this.#request(`/tasks/${encodeURIComponent(id)}/retry`, {
      method: 'POST',
    });
  }

  async cancelTask(id: number): Promise<PlatformTask> {
    return this.#request(`/tasks/${encodeURIComponent(id)}/cancel`, {
      method: 'POST',
    });
  }

  async approveTask(id: number): Promise<PlatformTask> {
    return this.#request(`/tasks/${encodeURIComponent(id)}/approve`, {
      method: 'POST',
    });
  }

  async getConventions(options: {
    entityRef: string;
  }): Promise<ConventionsReport> {
    return this.#request(componentPath('conventions', options.entityRef));
  }

  async fixConventions(options: {
    entityRef: string;
  }): Promise<ConventionsFixResponse> {
    return this.#request(
      `${componentPath('conventions', options.entityRef)}/fix`,
      { method: 'POST' },
    );
  }

  async listConventionCompliance(
    query: ConventionComplianceQuery = {},
  ): Promise<ConventionComplianceOverview> {
    return this.#request(`/conventions${queryString(query)}`);
  }

  async getReleases(options: {
    entityRef: string;
    package?: string;
  }): Promise<ComponentReleases> {
    return this.#request(
      `${componentPath('releases', options.entityRef)}${queryString({
        package: options.package,
      })}`,
    );
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
  return componentPath('agent-context', entityRef);
}

/** `/<base>/:kind/:namespace/:name`, the way the backend names a component. */
function componentPath(base: string, entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/${base}/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** `?a=1&b=x` of the given values, leaving out empty ones; `''` when none. */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
