import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Retry, cancel or approve a platform task.
 *
 * @public
 */
export const taskManagePermission = createPermission({
  name: 'catalyst.task.manage',
  attributes: { action: 'update' },
});
