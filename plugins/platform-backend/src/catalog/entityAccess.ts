import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { requirePermission } from '@catalyst/backend-common';
import { GITHUB_PROJECT_SLUG } from './findComponentOfRepository';

/*
 * Who may act on, and see, what: the checks the REST routes make, exported
 * so that other entry points (MCP actions) make exactly the same ones.
 */

/** Entity refs asked of the catalog in one request. */
const REFS_PER_REQUEST = 500;

/**
 * Throws a NotAllowedError unless the caller holds `permission` on the
 * component `entityRef`. The platform's `catalog-entity` permissions are
 * checked against the entity, so a policy can allow a team its own
 * components only (a conditional decision is resolved by the catalog).
 */
export async function requireEntityPermission(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  permission: ResourcePermission<'catalog-entity'>;
  entityRef: string;
  /** Completes "Not allowed to ...", e.g. `fix the conventions of component:default/a`. */
  action?: string;
}): Promise<void> {
  await requirePermission({
    permissions: options.permissions,
    credentials: options.credentials,
    permission: options.permission,
    resourceRef: options.entityRef,
    action: options.action,
  });
}

/**
 * Throws a NotAllowedError unless the caller holds `permission` on every
 * entity: for platform-wide changes (the shared convention rule set), which
 * a policy that allows a team its own components only does not grant.
 */
export async function requirePermissionOnAllEntities(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  permission: ResourcePermission<'catalog-entity'>;
  action: string;
}): Promise<void> {
  const [decision] = await options.permissions.authorizeConditional(
    [{ permission: options.permission }],
    { credentials: options.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to ${options.action} (${options.permission.name})`,
    );
  }
}

/**
 * The entity refs of `entityRefs` that the caller can see in the catalog:
 * what list routes keep. Asked of the catalog with the caller's credentials,
 * so the catalog's read permissions decide.
 */
export async function visibleEntityRefs(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entityRefs: Iterable<string>,
): Promise<Set<string>> {
  const refs = [...new Set(entityRefs)];
  const visible = new Set<string>();
  for (let i = 0; i < refs.length; i += REFS_PER_REQUEST) {
    const batch = refs.slice(i, i + REFS_PER_REQUEST);
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: batch,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    items.forEach((entity, index) => {
      // The catalog answers in request order; an unseen entity is undefined.
      if (entity) visible.add(batch[index]);
    });
  }
  return visible;
}

/**
 * Whether the caller can see a component of `repository` (`owner/name`, as
 * its `github.com/project-slug` names it): the condition for reading what
 * Catalyst recorded about that repository's pull requests.
 */
export async function canSeeRepository(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  repository: string,
): Promise<boolean> {
  const { items } = await catalog.getEntities(
    {
      filter: { [`metadata.annotations.${GITHUB_PROJECT_SLUG}`]: repository },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
      limit: 1,
    },
    { credentials },
  );
  return items.length > 0;
}
