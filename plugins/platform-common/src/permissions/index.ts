import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  conventionRulesManagePermission,
  conventionsFixPermission,
} from '../conventions/permissions';
import { taskManagePermission } from '../tasks/permissions';

/**
 * Re-index the specs of a component now, instead of waiting for the schedule
 * or a push webhook. A resource permission on the component, so policies can
 * allow it for the owners of the entity only.
 *
 * @public
 */
export const specRefreshPermission = createPermission({
  name: 'catalyst.spec.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Analyse a component's repository now and store its AGENTS.md context
 * (`POST /agent-context/.../generate`, and the live staleness check). A
 * resource permission on the component.
 *
 * @public
 */
export const agentContextGeneratePermission = createPermission({
  name: 'catalyst.agentContext.generate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Open or update the pull request that refreshes a component's AGENTS.md. A
 * resource permission on the component.
 *
 * @public
 */
export const agentContextRefreshPermission = createPermission({
  name: 'catalyst.agentContext.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the platform plugin, for permission policies and the
 * permission integration router.
 *
 * @public
 */
// Typed as Permission[]: an inferred union prints in no stable order in API reports.
export const platformPermissions: Permission[] = [
  specRefreshPermission,
  agentContextGeneratePermission,
  agentContextRefreshPermission,
  taskManagePermission,
  conventionsFixPermission,
  conventionRulesManagePermission,
];
