import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * What {@link requirePermission} checks: a basic permission, or a resource
 * permission on one resource.
 *
 * @public
 */
export type RequirePermissionOptions = {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  /** Completes "Not allowed to ..." in the error message, e.g. `cancel task 3`. */
  action?: string;
} & (
  | { permission: BasicPermission; resourceRef?: undefined }
  | { permission: ResourcePermission; resourceRef: string }
);

/**
 * Asks the permission framework whether the caller may do something and
 * throws a NotAllowedError unless the answer is ALLOW (a conditional answer
 * counts as no, as nothing here evaluates conditions).
 *
 * @public
 */
export async function requirePermission(
  options: RequirePermissionOptions,
): Promise<void> {
  const { permissions, credentials, permission, resourceRef, action } = options;
  const request = (
    resourceRef === undefined ? { permission } : { permission, resourceRef }
  ) as AuthorizePermissionRequest;
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    const what = action ?? `use ${resourceRef ?? 'this'}`;
    throw new NotAllowedError(`Not allowed to ${what} (${permission.name})`);
  }
}
