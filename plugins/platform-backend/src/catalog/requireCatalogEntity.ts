import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Looks an entity up as the caller (or as this plugin when there is no
 * caller); an entity the catalog does not have, or the caller cannot see, is
 * a NotFoundError.
 */
export async function requireCatalogEntity(
  options: { catalog: CatalogService; auth: AuthService },
  entityRef: string,
  credentials?: BackstageCredentials,
): Promise<Entity> {
  const entity = await options.catalog.getEntityByRef(entityRef, {
    credentials: credentials ?? (await options.auth.getOwnServiceCredentials()),
  });
  if (!entity) {
    throw new NotFoundError(`${entityRef} is not in the catalog`);
  }
  return entity;
}
