/**
 * Catalyst observability backend: Prometheus, VictoriaLogs and Alertmanager access scoped to
 * catalog entities, golden signals, alert rules, the Alertmanager webhook intake and
 * incident correlation under /api/observability.
 *
 * @packageDocumentation
 */

export { observabilityPlugin as default } from './plugin';
