import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  checkScopeClaim,
  ObservabilityScopeConfig,
  readObservabilityScopeConfig,
  resolveScopeClaim,
  SCOPE_CLAIM_ANNOTATIONS,
} from '@catalyst/plugin-observability-common';

/**
 * Checks the observability scope an entity claims (`backstage.io/kubernetes-namespace`,
 * `backstage.io/kubernetes-label-selector`, `catalyst.dev/observability-labels` and the
 * `catalyst.dev/*-instance` annotations) against `observability.scopes`, and emits an
 * input error on the entity for a claim that is malformed or not granted, so its author
 * sees why the observability backend gives it no data.
 *
 * @public
 */
export class ObservabilityScopeProcessor implements CatalogProcessor {
  /**
   * A processor for the configured grants, or undefined when `observability.scopes` is
   * not configured (the observability backend then refuses every claim on its own).
   */
  static fromConfig(config: Config): ObservabilityScopeProcessor | undefined {
    if (!config.has('observability.scopes')) return undefined;
    return new ObservabilityScopeProcessor(
      readObservabilityScopeConfig(config),
    );
  }

  constructor(private readonly scopes: ObservabilityScopeConfig) {}

  /** The name the catalog reports this processor by. */
  getProcessorName(): string {
    return 'ObservabilityScopeProcessor';
  }

  /** Emits one input error per problem of the entity's claim; the entity is unchanged. */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    if (!SCOPE_CLAIM_ANNOTATIONS.some(a => annotations[a] !== undefined)) {
      return entity;
    }
    let problems: string[];
    try {
      const claim = resolveScopeClaim(entity, this.scopes.labelMapping);
      problems = checkScopeClaim(entity, claim, this.scopes.policy);
    } catch (error) {
      problems = [(error as Error).message];
    }
    for (const problem of problems) {
      emit(processingResult.inputError(location, problem));
    }
    return entity;
  }
}
