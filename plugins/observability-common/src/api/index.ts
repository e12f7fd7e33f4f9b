export type { TimeSeries, ScopedQuery, EntityScope } from './series';
export type {
  InstantQueryRequest,
  RangeQueryRequest,
  QueryResponse,
  LabelNamesResponse,
} from './queries';
export { LOG_LEVELS } from './logs';
export type {
  LogQueryLanguage,
  LogLevel,
  LogsRequest,
  LogLine,
  LogsResponse,
  LogVolumeResponse,
  LogFieldsResponse,
} from './logs';
export type {
  GoldenSignalInstrumentation,
  GoldenSignalMetrics,
  GoldenSignalName,
  GoldenSignal,
  GoldenSignalsResponse,
} from './goldenSignals';
export type {
  AlertEvent,
  AlertsRequest,
  AlertsResponse,
  LiveAlert,
  LiveAlertsResponse,
  AlertWebhookResponse,
} from './alerts';
export type {
  AlertSignalType,
  AlertOperator,
  NotificationChannel,
  AlertRule,
  CreateAlertRuleRequest,
  UpdateAlertRuleRequest,
  RuleApplication,
  AlertRuleMutationResponse,
  AlertRulesResponse,
  RenderedAlertingConfig,
} from './rules';
export type { TraceLink, IncidentResponse } from './incidents';
export type { InstanceHealth, InstancesHealthResponse } from './health';
export type {
  ObservabilityStackHealth,
  ObservabilityStackCondition,
  ObservabilityStackRelease,
  ObservabilityStackEndpoints,
  ObservabilityStackSummary,
  ObservabilityStacksResponse,
} from './stacks';
export type {
  InvestigationSignalChange,
  InvestigationLogPattern,
  InvestigationChange,
  InvestigationDeployment,
  InvestigationCause,
  IncidentInvestigation,
  InvestigationsResponse,
} from './investigations';
