import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AlertRuleMutationResponse,
  AlertRulesResponse,
  AlertsRequest,
  AlertsResponse,
  CreateAlertRuleRequest,
  EntityScope,
  GoldenSignalName,
  GoldenSignalsResponse,
  IncidentResponse,
  InstancesHealthResponse,
  InvestigationsResponse,
  LabelNamesResponse,
  LiveAlertsResponse,
  LogFieldsResponse,
  LogLine,
  LogsRequest,
  LogsResponse,
  LogVolumeResponse,
  ObservabilityStacksResponse,
  QueryResponse,
  RenderedAlertingConfig,
  UpdateAlertRuleRequest,
} from '@catalyst/plugin-observability-common';

/**
 * A window of time in Unix milliseconds; the client sends it as Unix seconds.
 *
 * @public
 */
export type TimeWindow = { start: number; end: number };

/**
 * The Catalyst observability backend, `/api/observability`, as the frontend uses it.
 * Every entity-scoped call takes the entity's ref; the backend scopes the queries.
 *
 * @public
 */
export interface ObservabilityApi {
  /** The label matchers and instances the entity's queries are scoped to. */
  getScope(options: { entityRef: string }): Promise<EntityScope>;
  /** Latency, traffic, errors and saturation of the entity over a window. */
  getGoldenSignals(
    options: {
      entityRef: string;
      signals?: GoldenSignalName[];
      /** Seconds between points; the backend picks one when absent. */
      step?: number;
    } & Partial<TimeWindow>,
  ): Promise<GoldenSignalsResponse>;
  /** A PromQL instant query, scoped to the entity. */
  query(options: {
    entityRef: string;
    query: string;
    /** Evaluation time, Unix ms; now when absent. */
    time?: number;
  }): Promise<QueryResponse>;
  /** A PromQL range query, scoped to the entity. */
  queryRange(
    options: { entityRef: string; query: string; step?: number } & TimeWindow,
  ): Promise<QueryResponse>;
  /** Label names present in the entity's scope. */
  getLabelNames(
    options: { entityRef: string } & Partial<TimeWindow>,
  ): Promise<LabelNamesResponse>;
  /** Log lines of the entity's scope (LogsQL for VictoriaLogs), scoped by the backend. */
  getLogs(
    options: { entityRef: string } & Omit<
      LogsRequest,
      'start' | 'end' | 'limit'
    > &
      Partial<TimeWindow> & { limit?: number },
  ): Promise<LogsResponse>;
  /** Lines per level over the window, for the volume chart. */
  getLogVolume(
    options: {
      entityRef: string;
      query?: string;
      level?: string;
    } & Partial<TimeWindow>,
  ): Promise<LogVolumeResponse>;
  /** Field names of the entity's lines, for completion. */
  getLogFields(
    options: { entityRef: string } & Partial<TimeWindow>,
  ): Promise<LogFieldsResponse>;
  /** Values of one field of the entity's lines, for completion. */
  getLogFieldValues(
    options: {
      entityRef: string;
      field: string;
      limit?: number;
    } & Partial<TimeWindow>,
  ): Promise<LogFieldsResponse>;
  /**
   * Live tail: calls `onLines` with each batch of new lines until `signal` aborts or the
   * backend ends the tail after `seconds` (at most 300).
   */
  tailLogs(options: {
    entityRef: string;
    query?: string;
    level?: string;
    seconds?: number;
    signal: AbortSignal;
    onLines: (lines: LogLine[]) => void;
  }): Promise<void>;
  /** The entity's alert history (`state` active = firing). */
  getAlerts(
    options: { entityRef: string } & Omit<AlertsRequest, 'limit'> & {
        limit?: number;
      },
  ): Promise<AlertsResponse>;
  /** The entity's alerts as Alertmanager reports them now. */
  getLiveAlerts(options: { entityRef: string }): Promise<LiveAlertsResponse>;
  /** What was happening around an alert of the history. */
  getIncident(options: { alertId: number }): Promise<IncidentResponse>;
  /**
   * Catalyst's investigations of an entity's alert (one per firing episode), served by
   * the platform plugin's investigations module.
   */
  getInvestigations(options: {
    entityRef: string;
    fingerprint: string;
  }): Promise<InvestigationsResponse>;
  /** The entity's alert rules. */
  getRules(options: { entityRef: string }): Promise<AlertRulesResponse>;
  /** The entity's rules rendered as a Prometheus rule file and Alertmanager config. */
  getRenderedRules(options: {
    entityRef: string;
  }): Promise<RenderedAlertingConfig>;
  createRule(options: {
    entityRef: string;
    rule: CreateAlertRuleRequest;
  }): Promise<AlertRuleMutationResponse>;
  updateRule(options: {
    entityRef: string;
    id: number;
    rule: UpdateAlertRuleRequest;
  }): Promise<AlertRuleMutationResponse>;
  deleteRule(options: {
    entityRef: string;
    id: number;
  }): Promise<AlertRuleMutationResponse>;
  /** Health of every configured Prometheus, Loki and Alertmanager instance. */
  getInstancesHealth(): Promise<InstancesHealthResponse>;
  /** The ObservabilityStacks the operator manages, with their health. */
  getStacks(): Promise<ObservabilityStacksResponse>;
}

/**
 * The {@link ObservabilityApi}.
 *
 * @public
 */
export const observabilityApiRef = createApiRef<ObservabilityApi>().with({
  id: 'plugin.observability',
  pluginId: 'observability',
});
