import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KubernetesLabelMappingOptions,
  LabelMatcher,
} from '@catalyst/plugin-observability-common';
import {
  LABEL_SELECTOR_ANNOTATION,
  NAMESPACE_ANNOTATION,
  OBSERVABILITY_LABELS_ANNOTATION,
} from '../scope/annotations';
import { resolveEntityScope } from '../scope/resolveEntityScope';
import { ENTITY_REF_LABEL } from '../rules/ruleLabels';
import { matchesScope } from './matchesScope';

type ScopeEntry = { entityRef: string; matchers: LabelMatcher[] };

/**
 * The scopes of every catalog entity that has one, read with the plugin's own credentials
 * and kept for a minute, to link incoming alerts to the entity whose scope their labels
 * match.
 */
export class ScopedEntityIndex {
  private cached?: { at: number; entries: ScopeEntry[] };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      labelMapping: KubernetesLabelMappingOptions;
      ttlMs?: number;
    },
  ) {}

  /**
   * The entity an alert belongs to: the one named by Catalyst's `catalyst_entity_ref`
   * label if the catalog has it, else the entity with the most scope matchers that all
   * match the labels (ties broken by ref, so the answer is stable).
   */
  async resolve(labels: Record<string, string>): Promise<string | undefined> {
    let entries = await this.entries();
    const named = labels[ENTITY_REF_LABEL];
    if (named !== undefined && !entries.some(e => e.entityRef === named)) {
      entries = await this.entries(true);
    }
    if (named !== undefined && entries.some(e => e.entityRef === named)) {
      return named;
    }
    const best = entries
      .filter(e => matchesScope(labels, e.matchers))
      .sort(
        (a, b) =>
          b.matchers.length - a.matchers.length ||
          a.entityRef.localeCompare(b.entityRef),
      )[0];
    return best?.entityRef;
  }

  private async entries(refresh = false): Promise<ScopeEntry[]> {
    const ttl = this.options.ttlMs ?? 60_000;
    if (!refresh && this.cached && Date.now() - this.cached.at < ttl) {
      return this.cached.entries;
    }
    const { catalog, auth, logger, labelMapping } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [
          NAMESPACE_ANNOTATION,
          LABEL_SELECTOR_ANNOTATION,
          OBSERVABILITY_LABELS_ANNOTATION,
        ].map(a => ({
          [`metadata.annotations.${a}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const entries: ScopeEntry[] = [];
    for (const entity of items) {
      try {
        entries.push({
          entityRef: stringifyEntityRef(entity),
          matchers: resolveEntityScope(entity, labelMapping).matchers,
        });
      } catch (error) {
        logger.warn(
          `Alerts cannot be linked to ${stringifyEntityRef(entity)}: ${
            (error as Error).message
          }`,
        );
      }
    }
    this.cached = { at: Date.now(), entries };
    return entries;
  }
}
