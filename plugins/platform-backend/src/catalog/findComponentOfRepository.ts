import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Backstage's annotation naming a component's GitHub repository. */
export const GITHUB_PROJECT_SLUG = 'github.com/project-slug';

/**
 * The component whose `github.com/project-slug` names `repository`
 * (`owner/name`), looked up as this plugin. Undefined when no component or
 * several do (a monorepo's components share one repository): then no one
 * component's settings can speak for it.
 */
export async function findComponentOfRepository(
  options: { catalog: CatalogService; auth: AuthService },
  repository: string,
): Promise<string | undefined> {
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        kind: 'Component',
        [`metadata.annotations.${GITHUB_PROJECT_SLUG}`]: repository,
      },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  return items.length === 1 ? stringifyEntityRef(items[0]) : undefined;
}
