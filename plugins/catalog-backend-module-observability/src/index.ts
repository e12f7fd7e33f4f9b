/**
 * Catalog module that checks observability scope annotations against the platform's
 * grants (`observability.scopes`).
 *
 * @packageDocumentation
 */

export { catalogModuleObservability as default } from './module';
export { ObservabilityScopeProcessor } from './ObservabilityScopeProcessor';
