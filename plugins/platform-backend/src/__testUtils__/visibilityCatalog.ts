import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/**
 * The catalog service as the catalog answers with read permissions: each
 * user sees `entities` except the refs in `hiddenFrom[userRef]`; services
 * see everything. Every call is answered as the credentials it carries,
 * the contract Catalyst's visibility filtering relies on.
 */
export function visibilityCatalogFactory(
  entities: Entity[],
  hiddenFrom: Record<string, string[]>,
) {
  const byViewer = new Map<string, CatalogService>();
  const viewerCatalog = (credentials?: BackstageCredentials) => {
    const principal = credentials?.principal as
      | { type: string; userEntityRef?: string }
      | undefined;
    const viewer =
      principal?.type === 'user' ? principal.userEntityRef ?? '' : '';
    let catalog = byViewer.get(viewer);
    if (!catalog) {
      const hidden = new Set(hiddenFrom[viewer] ?? []);
      catalog = catalogServiceMock({
        entities: entities.filter(e => !hidden.has(stringifyEntityRef(e))),
      });
      byViewer.set(viewer, catalog);
    }
    return catalog;
  };
  // Every method of the catalog service, answered by the caller's catalog.
  const service = Object.fromEntries(
    Object.getOwnPropertyNames(Object.getPrototypeOf(viewerCatalog()))
      .filter(method => method !== 'constructor')
      .map(method => [
        method,
        (...args: unknown[]) => {
          const options = args[args.length - 1] as
            | { credentials?: BackstageCredentials }
            | undefined;
          const catalog = viewerCatalog(
            options?.credentials,
          ) as unknown as Record<string, (...a: unknown[]) => unknown>;
          return catalog[method](...args);
        },
      ]),
  ) as unknown as CatalogService;
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => service,
  });
}
