import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  EntityScope,
  LabelMatcher,
  ObservabilityScopeConfig,
} from '@catalyst/plugin-observability-common';
import { ScopedEntityIndex } from '../alerts/ScopedEntityIndex';
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
      scopes: ObservabilityScopeConfig;
      index: ScopedEntityIndex;
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

  /**
   * Reads the entity as the caller and resolves its scope: InputError if it has none, if
   * `observability.scopes` does not grant it, or if another entity claims the same scope.
   */
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
    const resolved = resolveEntityScope(entity, this.options.scopes);
    const ref = stringifyEntityRef(entity);
    const conflicts = (await this.options.index.snapshot()).conflictsOf(ref);
    if (conflicts) {
      throw new InputError(
        `${ref} claims the same observability scope as ${conflicts.join(
          ', ',
        )}; a scope belongs to one entity, so none of them gets it until the claims differ`,
      );
    }
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
