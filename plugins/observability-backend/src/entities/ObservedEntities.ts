import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
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
import { TtlCache } from '../cache/TtlCache';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { NAMESPACE_ANNOTATION } from '../scope/annotations';
import { resolveEntityScope } from '../scope/resolveEntityScope';

/** An entity the caller may observe, with its scope. */
export type ObservedEntity = {
  entity: Entity;
  entityRef: string;
  matchers: LabelMatcher[];
  scope: EntityScope;
};

/**
 * How far a caller's resource permission reaches when a route spans entities: every
 * entity, only the entities the policy's conditions allow, or none.
 */
export type PermissionReach = 'all' | 'some' | 'none';

/** Resource permission checks go in batches of this many entity refs. */
const AUTHORIZE_BATCH = 100;

/**
 * How long an entity read and its resolved scope are reused for the same caller: a change
 * of the entity's annotations, owner or of its catalog read rules reaches queries at most
 * this late (plus the catalog's own processing).
 */
export const ENTITY_SCOPE_TTL_MS = 10_000;
/**
 * How long an ALLOW of one permission on one entity is reused for the same caller. Only
 * definitive decisions are cached: `authorize` gets conditional decisions settled for the
 * entity by the permission framework, and a DENY is asked again on the next request.
 */
export const PERMISSION_DECISION_TTL_MS = 5_000;
const MAX_CACHED = 10_000;

/**
 * Who the credentials are, as a cache key: a user by entity ref, a service by subject;
 * undefined (not cached) for anything else.
 */
function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}

/**
 * Access to entities for the routes: permission checks (resource permissions against the
 * entity ref) and catalog reads with the caller's credentials, so catalog read rules apply
 * too, followed by scope resolution.
 */
export class ObservedEntities {
  private readonly decisions: TtlCache<Promise<AuthorizeResult>>;
  private readonly loaded: TtlCache<Promise<ObservedEntity>>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      instances: ObservabilityInstances;
      scopes: ObservabilityScopeConfig;
      index: ScopedEntityIndex;
      /** Default {@link ENTITY_SCOPE_TTL_MS}; 0 turns the cache off. */
      entityTtlMs?: number;
      /** Default {@link PERMISSION_DECISION_TTL_MS}; 0 turns the cache off. */
      decisionTtlMs?: number;
      now?: () => number;
    },
  ) {
    this.decisions = new TtlCache({
      ttlMs: options.decisionTtlMs ?? PERMISSION_DECISION_TTL_MS,
      maxEntries: MAX_CACHED,
      now: options.now,
    });
    this.loaded = new TtlCache({
      ttlMs: options.entityTtlMs ?? ENTITY_SCOPE_TTL_MS,
      maxEntries: MAX_CACHED,
      now: options.now,
    });
  }

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
    const principal = principalKey(credentials);
    const decide = async () => {
      const [decision] = await this.options.permissions.authorize([request], {
        credentials,
      });
      return decision.result;
    };
    const result = principal
      ? await this.decisions.getOrLoad(
          JSON.stringify([principal, permission.name, entityRef ?? null]),
          decide,
          r => r === AuthorizeResult.ALLOW,
        )
      : await decide();
    if (result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name}${entityRef ? ` on ${entityRef}` : ''}`,
      );
    }
  }

  /**
   * Whether a resource permission reaches every entity (an unconditional ALLOW), some
   * (a conditional decision, settled per entity by {@link ObservedEntities.allowedRefs}) or
   * none, for routes that are not about one entity.
   */
  async reach(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<PermissionReach> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    if (decision.result === AuthorizeResult.CONDITIONAL) return 'some';
    return 'none';
  }

  /** Throws NotAllowedError unless the permission reaches at least one entity. */
  async requireReach(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<Exclude<PermissionReach, 'none'>> {
    const reach = await this.reach(credentials, permission);
    if (reach === 'none') {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return reach;
  }

  /** The entity refs of `entityRefs` the permission is granted on, decided per entity. */
  async allowedRefs(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: Iterable<string>,
  ): Promise<Set<string>> {
    const refs = [...new Set(entityRefs)];
    const allowed = new Set<string>();
    for (let i = 0; i < refs.length; i += AUTHORIZE_BATCH) {
      const batch = refs.slice(i, i + AUTHORIZE_BATCH);
      const decisions = await this.options.permissions.authorize(
        batch.map(resourceRef => ({ permission, resourceRef })),
        { credentials },
      );
      decisions.forEach((decision, index) => {
        if (decision.result === AuthorizeResult.ALLOW)
          allowed.add(batch[index]);
      });
    }
    return allowed;
  }

  /**
   * The Kubernetes namespaces (`backstage.io/kubernetes-namespace`) of the entities the
   * caller can read in the catalog and holds the permission on.
   */
  async allowedNamespaces(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<Set<string>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${NAMESPACE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const byRef = new Map<string, string>();
    for (const entity of items) {
      const namespace = entity.metadata.annotations?.[NAMESPACE_ANNOTATION];
      if (namespace) byRef.set(stringifyEntityRef(entity), namespace);
    }
    const allowed = await this.allowedRefs(
      credentials,
      permission,
      byRef.keys(),
    );
    return new Set([...allowed].map(ref => byRef.get(ref)!));
  }

  /**
   * Reads the entity as the caller and resolves its scope: InputError if it has none, if
   * `observability.scopes` does not grant it, or if another entity claims the same scope.
   */
  async load(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ObservedEntity> {
    const principal = principalKey(credentials);
    const observed = principal
      ? await this.loaded.getOrLoad(
          JSON.stringify([principal, entityRef]),
          () => this.read(entityRef, credentials),
        )
      : await this.read(entityRef, credentials);
    // The index keeps its own snapshot: a conflict is checked on every request.
    const conflicts = (await this.options.index.snapshot()).conflictsOf(
      observed.entityRef,
    );
    if (conflicts) {
      throw new InputError(
        `${
          observed.entityRef
        } claims the same observability scope as ${conflicts.join(
          ', ',
        )}; a scope belongs to one entity, so none of them gets it until the claims differ`,
      );
    }
    return observed;
  }

  private async read(
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
