export { QueryScopeError } from './QueryScopeError';
export type { QueryScopeErrorReason } from './QueryScopeError';
export { scopePromQL } from './promql/scopePromQL';
export type { PromQLLookbackLimits } from './promql/promqlLookback';
export { scopeLogQL } from './logql/scopeLogQL';
export { logsqlStreamFilter } from './logsql/logsqlStreamFilter';
