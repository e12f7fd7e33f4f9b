import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  EntityScope,
  KubernetesLabelMappingOptions,
  LabelMatcher,
} from '@catalyst/plugin-observability-common';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { resolveEntityScope } from '../scope/resolveEntityScope';

/** An entity the caller may observe, with its scope. */
export type ObservedEntity = {
  entity: Entity;
  entityRef: string;
  matchers: LabelMatcher[];
  scope: EntityScope;
};

/**
 * Access to entities for the routes: permission checks (resource permissions against the
 * entity ref) and catalog reads with the caller's credentials, so catalog read rules apply
 * too, followed by scope resolution.
 */
export class ObservedEntities {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      instances: ObservabilityInstances;
      labelMapping: KubernetesLabelMappingOptions;
    },
  ) {}

  /** Throws NotAllowedError unless the permission is granted (for the entity, if a resource permission). */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission<'catalog-entity'>,
    entityRef?: string,
  ): Promise<void> {
    const request: AuthorizePermissionRequest =
      permission.type === 'resource'
        ? {
            permission: permission as ResourcePermission,
            resourceRef: entityRef ?? '',
          }
        : { permission: permission as BasicPermission };
    if (permission.type === 'resource' && !entityRef) {
      throw new Error(
        `${permission.name} is checked against an entity; none was given`,
      );
    }
    const [decision] = await this.options.permissions.authorize([request], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name}${entityRef ? ` on ${entityRef}` : ''}`,
      );
    }
  }

  /** Reads the entity as the caller and resolves its scope (InputError if it has none). */
  async load(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ObservedEntity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`${entityRef} is not in the catalog`);
    }
    const resolved = resolveEntityScope(entity, this.options.labelMapping);
    const ref = stringifyEntityRef(entity);
    return {
      entity,
      entityRef: ref,
      matchers: resolved.matchers,
      scope: {
        entityRef: ref,
        matchers: resolved.matchers,
        sources: resolved.sources,
        instances: this.options.instances.namesFor(entity),
      },
    };
  }
}
