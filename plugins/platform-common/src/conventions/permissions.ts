import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Open or update the pull request that brings a component's repository onto
 * the platform's conventions (`POST /conventions/.../fix`).
 *
 * @public
 */
export const conventionsFixPermission = createPermission({
  name: 'catalyst.conventions.fix',
  attributes: { action: 'update' },
});

/**
 * Switch a rule of the platform's convention rule set on or off.
 *
 * @public
 */
export const conventionRulesManagePermission = createPermission({
  name: 'catalyst.conventions.rules.manage',
  attributes: { action: 'update' },
});
