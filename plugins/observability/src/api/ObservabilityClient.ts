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
  InvestigationsResponse,
  InstancesHealthResponse,
  LabelNamesResponse,
  LiveAlertsResponse,
  LogFieldsResponse,
  LogLine,
  LogsResponse,
  LogVolumeResponse,
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
      level: options.level,
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
      limit: options.limit,
      direction: options.direction,
    });
  }

  async getLogVolume(
    options: Parameters<ObservabilityApi['getLogVolume']>[0],
  ): Promise<LogVolumeResponse> {
    return this.#get(`${entityPath(options.entityRef)}/logs/volume`, {
      query: options.query,
      level: options.level,
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
    });
  }

  async getLogFields(
    options: Parameters<ObservabilityApi['getLogFields']>[0],
  ): Promise<LogFieldsResponse> {
    return this.#get(`${entityPath(options.entityRef)}/logs/fields`, {
      start: unixSeconds(options.start),
      end: unixSeconds(options.end),
    });
  }

  async getLogFieldValues(
    options: Parameters<ObservabilityApi['getLogFieldValues']>[0],
  ): Promise<LogFieldsResponse> {
    return this.#get(
      `${entityPath(options.entityRef)}/logs/fields/${encodeURIComponent(
        options.field,
      )}/values`,
      {
        limit: options.limit,
        start: unixSeconds(options.start),
        end: unixSeconds(options.end),
      },
    );
  }

  async tailLogs(
    options: Parameters<ObservabilityApi['tailLogs']>[0],
  ): Promise<void> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('observability');
    const params = new URLSearchParams();
    if (options.query) params.set('query', options.query);
    if (options.level) params.set('level', options.level);
    if (options.seconds) params.set('seconds', String(options.seconds));
    const res = await this.#fetchApi.fetch(
      `${baseUrl}${entityPath(options.entityRef)}/logs/tail?${params}`,
      { signal: options.signal },
    );
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      pending += decoder.decode(value, { stream: true });
      const end = pending.lastIndexOf('\n');
      if (end < 0) continue;
      for (const text of pending.slice(0, end).split('\n')) {
        if (!text.trim()) continue;
        const batch = JSON.parse(text) as { lines?: LogLine[]; error?: string };
        if (batch.error) throw new Error(batch.error);
        if (batch.lines?.length) options.onLines(batch.lines);
      }
      pending = pending.slice(end + 1);
    }
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

  async getInvestigations(options: {
    entityRef: string;
    fingerprint: string;
  }): Promise<InvestigationsResponse> {
    const params = new URLSearchParams({
      entityRef: options.entityRef,
      fingerprint: options.fingerprint,
    });
    return this.#send('GET', `/investigations?${params}`, {
      plugin: 'platform',
    });
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
    options: { body?: unknown; plugin?: 'observability' | 'platform' } = {},
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl(
      options.plugin ?? 'observability',
    );
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
