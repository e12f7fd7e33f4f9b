import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isSpecEntity } from '@catalyst/plugin-platform-common';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * Whether this backend renders the entity's site from a source nobody else
 * builds: a Spec folder, or `dir:` docs of an entity registered from a file.
 */
export function isBuiltLocally(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  if (isSpecEntity(entity)) {
    return Boolean(annotations[TECHDOCS_REF]);
  }
  return (
    (annotations[TECHDOCS_REF] ?? '').startsWith('dir:') &&
    (annotations[ANNOTATION_LOCATION] ?? '').startsWith('file:')
  );
}

/**
 * Builds the TechDocs sites of Spec entities and local `dir:` docs ahead of
 * their first visit: TechDocs builds on demand, and its search collator only
 * indexes sites that are already published.
 *
 * Each site goes through TechDocs' own sync endpoint, so builds share its
 * preparers, generator, publisher and build limit; an unchanged site answers
 * "not modified" at the cost of a content hash.
 */
export class LocalSitePrebuilder {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      discovery: DiscoveryService;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<{ built: number; unchanged: number; failed: number }> {
    const { catalog, auth, discovery, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS,
        },
        fields: ['apiVersion', 'kind', 'metadata'],
      },
      { credentials },
    );
    const baseUrl = await discovery.getBaseUrl('techdocs');
    const counts = { built: 0, unchanged: 0, failed: 0 };
    for (const entity of items.filter(isBuiltLocally)) {
      const ref = stringifyEntityRef(entity);
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'techdocs',
      });
      const path = [
        entity.metadata.namespace ?? DEFAULT_NAMESPACE,
        entity.kind,
        entity.metadata.name,
      ]
        .map(encodeURIComponent)
        .join('/');
      const response = await fetch(`${baseUrl}/sync/${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const outcome = lastEvent(await response.text());
      if (!response.ok || outcome?.type !== 'finish') {
        counts.failed += 1;
        logger.warn(
          `Could not build the docs of ${ref}: ${
            outcome?.data ?? `HTTP ${response.status}`
          }`,
        );
      } else if ((outcome.data as { updated?: boolean }).updated) {
        counts.built += 1;
      } else {
        counts.unchanged += 1;
      }
    }
    logger.info(
      `Local TechDocs sites: ${counts.built} built, ${counts.unchanged} unchanged, ${counts.failed} failed`,
    );
    return counts;
  }
}

// The sync endpoint answers an event stream that ends with `finish` or `error`.
function lastEvent(body: string): { type: string; data: unknown } | undefined {
  const events = body
    .split('\n\n')
    .map(block => block.match(/^event: (\w+)\ndata: (.*)$/m))
    .filter((m): m is RegExpMatchArray => m !== null);
  const last = events[events.length - 1];
  return last ? { type: last[1], data: JSON.parse(last[2]) } : undefined;
}
