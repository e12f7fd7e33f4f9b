import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';

/** A folder of the template workspace, refused when outside it or missing. */
export async function workspaceFolder(
  actionId: string,
  workspacePath: string,
  folder: string,
): Promise<string> {
  const dir = resolveSafeChildPath(workspacePath, folder);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(
      `${actionId}: '${folder}' is not a folder of the workspace`,
    );
  }
  return dir;
}
