import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Retry, cancel or approve a platform task. A resource permission on the
 * task's component (its entity ref).
 *
 * @public
 */
export const taskManagePermission = createPermission({
  name: 'catalyst.task.manage',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
