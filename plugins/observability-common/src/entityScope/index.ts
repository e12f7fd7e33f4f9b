export {
  INSTANCE_ANNOTATIONS,
  LABEL_SELECTOR_ANNOTATION,
  NAMESPACE_ANNOTATION,
  OBSERVABILITY_INSTANCE_KINDS,
  OBSERVABILITY_LABELS_ANNOTATION,
  SCOPE_CLAIM_ANNOTATIONS,
} from './annotations';
export type { ObservabilityInstanceKind } from './annotations';
export { checkScopeClaim } from './checkScopeClaim';
export { literalValueSet } from './literalValueSet';
export { parseObservabilityLabels } from './parseObservabilityLabels';
export { readObservabilityScopeConfig } from './readObservabilityScopeConfig';
export type { ObservabilityScopeConfig } from './readObservabilityScopeConfig';
export { resolveScopeClaim } from './resolveScopeClaim';
export type { EntityScopeClaim } from './resolveScopeClaim';
export type {
  ObservabilityScopeGrant,
  ObservabilityScopePolicy,
} from './ScopePolicy';
