/**
 * Alert investigations of the Catalyst platform: the `incident_investigation`
 * task type and the route of its records.
 *
 * @packageDocumentation
 */
export { platformModuleInvestigations as default } from './module';
