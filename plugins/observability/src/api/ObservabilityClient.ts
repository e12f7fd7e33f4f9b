import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  AlertRuleMutationResponse,
  AlertRulesResponse,
  AlertsResponse,
  EntityScope,
  GoldenSignalsResponse,
  IncidentResponse,
  InstancesHealthResponse,
  LabelNamesResponse,
  LiveAlertsResponse,
  LogsResponse,
  ObservabilityStacksResponse,
  QueryResponse,
  RenderedAlertingConfig,
} from '@catalyst/plugin-observability-common';
import type { ObservabilityApi } from './ObservabilityApi';

type Query = Record<string, string | number | undefined>;

/**
 * Talks to the observability backend through the app's discovery and fetch APIs, so
 * requests carry the user's Backstage token.
 *
 * @public
 */
export class ObservabilityClient implements ObservabilityApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getScope(options: { entityRef: string }): Promise<EntityScope> {
    return this.#get(`${entityPath(options.entityRef)}/scope`);
  }

  async getGoldenSignals(
    options: Parameters<ObservabilityApi['getGoldenSignals']>[0],
  ): Promise<GoldenSignalsResponse> {
    return this.#get(`${entityPath(options.entityRef)}/golden-signals`, {
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
      step: options.step,
      signals: options.signals?.join(','),
    });
  }

  async query(
    options: Parameters<ObservabilityApi['query']>[0],
  ): Promise<QueryResponse> {
    return this.#get(`${entityPath(options.entityRef)}/query`, {
      query: options.query,
      time: unixSeconds(options.time),
    });
  }

  async queryRange(
    options: Parameters<ObservabilityApi['queryRange']>[0],
  ): Promise<QueryResponse> {
    return this.#get(`${entityPath(options.entityRef)}/query_range`, {
      query: options.query,
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
      step: options.step,
    });
  }

  async getLabelNames(
    options: Parameters<ObservabilityApi['getLabelNames']>[0],
  ): Promise<LabelNamesResponse> {
    return this.#get(`${entityPath(options.entityRef)}/labels`, {
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
    });
  }

  async getLogs(
    options: Parameters<ObservabilityApi['getLogs']>[0],
  ): Promise<LogsResponse> {
    return this.#get(`${entityPath(options.entityRef)}/logs`, {
      query: options.query,
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
      limit: options.limit,
      direction: options.direction,
    });
  }

  async getAlerts(
    options: Parameters<ObservabilityApi['getAlerts']>[0],
  ): Promise<AlertsResponse> {
    return this.#get(`${entityPath(options.entityRef)}/alerts`, {
      state: options.state,
      since: options.since,
      limit: options.limit,
    });
  }

  async getLiveAlerts(options: {
    entityRef: string;
  }): Promise<LiveAlertsResponse> {
    return this.#get(`${entityPath(options.entityRef)}/alerts/live`);
  }

  async getIncident(options: { alertId: number }): Promise<IncidentResponse> {
    return this.#get(
      `/alerts/${encodeURIComponent(String(options.alertId))}/incident`,
    );
  }

  async getRules(options: { entityRef: string }): Promise<AlertRulesResponse> {
    return this.#get(`${entityPath(options.entityRef)}/rules`);
  }

  async getRenderedRules(options: {
    entityRef: string;
  }): Promise<RenderedAlertingConfig> {
    return this.#get(`${entityPath(options.entityRef)}/rules/rendered`);
  }

  async createRule(
    options: Parameters<ObservabilityApi['createRule']>[0],
  ): Promise<AlertRuleMutationResponse> {
    return this.#send('POST', `${entityPath(options.entityRef)}/rules`, {
      body: options.rule,
    });
  }

  async updateRule(
    options: Parameters<ObservabilityApi['updateRule']>[0],
  ): Promise<AlertRuleMutationResponse> {
    return this.#send(
      'PUT',
      `${entityPath(options.entityRef)}/rules/${options.id}`,
      { body: options.rule },
    );
  }

  async deleteRule(options: {
    entityRef: string;
    id: number;
  }): Promise<AlertRuleMutationResponse> {
    return this.#send(
      'DELETE',
      `${entityPath(options.entityRef)}/rules/${options.id}`,
    );
  }

  async getInstancesHealth(): Promise<InstancesHealthResponse> {
    return this.#get('/health');
  }

  async getStacks(): Promise<ObservabilityStacksResponse> {
    return this.#get('/stacks');
  }

  async #get<T>(path: string, query: Query = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return this.#send('GET', search ? `${path}?${search}` : path);
  }

  async #send<T>(
    method: string,
    path: string,
    options: { body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('observability');
    const init: RequestInit = { method };
    if (options.body !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    const res = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}

/** `/entities/:kind/:namespace/:name`, the way the backend names an entity. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** Unix ms as the Unix seconds the Prometheus-style API reads. */
function unixSeconds(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : String(ms / 1000);
}
