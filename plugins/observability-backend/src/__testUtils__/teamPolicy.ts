import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * A permissions service standing in for a policy that limits a team to its own entities,
 * the way a catalog condition such as isEntityOwner does: resource permissions on
 * `catalog-entity` are conditional, the conditions hold for `entityRefs` only, and no
 * basic permission is granted.
 */
export function teamPolicy(entityRefs: string[]) {
  const allowed = new Set(entityRefs);
  return mockServices.permissions.mock({
    async authorize(requests) {
      return requests.map(request => ({
        result:
          isResourcePermission(request.permission, 'catalog-entity') &&
          'resourceRef' in request &&
          request.resourceRef !== undefined &&
          allowed.has(request.resourceRef)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests) {
      return requests.map(request =>
        isResourcePermission(request.permission, 'catalog-entity')
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/the-team'] },
              },
            }
          : { result: AuthorizeResult.DENY },
      );
    },
  });
}
