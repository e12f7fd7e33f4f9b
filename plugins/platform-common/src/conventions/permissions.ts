import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Open or update the pull request that brings a component's repository onto
 * the platform's conventions (`POST /conventions/.../fix`). A resource
 * permission on the component.
 *
 * @public
 */
export const conventionsFixPermission = createPermission({
  name: 'catalyst.conventions.fix',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Change a component's convention rules (a resource permission on the
 * component). Switching a rule of the platform-wide rule set on or off needs
 * it on every component: a policy that grants it conditionally (a team's own
 * components) does not grant that.
 *
 * @public
 */
export const conventionRulesManagePermission = createPermission({
  name: 'catalyst.conventions.rules.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
