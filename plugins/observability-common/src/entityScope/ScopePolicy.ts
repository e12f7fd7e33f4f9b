import { ObservabilityInstanceKind } from './annotations';

/**
 * One grant of `observability.scopes.grants`: which entities (by owner, system and
 * catalog location) may claim which label values, and which instances they may name.
 *
 * @public
 */
export type ObservabilityScopeGrant = {
  /** Owner refs (`group:default/payments-team`); an entity needs one of them, when given. */
  owners: string[];
  /** System refs (`system:default/payments`); an entity needs one of them, when given. */
  systems: string[];
  /**
   * Prefixes of `backstage.io/managed-by-location` (set by the catalog, not the author),
   * e.g. `url:https://github.com/acme/payments-`; an entity needs one of them, when given.
   */
  locations: string[];
  /** Values of the `namespace` label a claim may pin; a claim must pin one, when given. */
  namespaces: string[];
  /** More labels a claim must pin, each to one of the listed values. */
  labels: Record<string, string[]>;
  /** Instances the entity may name, beyond the first configured one of each kind. */
  instances: Partial<Record<ObservabilityInstanceKind, string[]>>;
};

/**
 * The platform-owned mapping from entities to the telemetry they may claim.
 *
 * @public
 */
export type ObservabilityScopePolicy = {
  /**
   * `granted`: a claim is used only when a grant allows it. `unrestricted`: every
   * well-formed claim is used (a portal of one team); set explicitly in config.
   */
  mode: 'granted' | 'unrestricted';
  grants: ObservabilityScopeGrant[];
  /** The first configured instance of each kind, which any entity may use. */
  defaultInstances: Partial<Record<ObservabilityInstanceKind, string>>;
};
