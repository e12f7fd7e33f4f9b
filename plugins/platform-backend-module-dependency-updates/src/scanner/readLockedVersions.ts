import { readNpmDependencies } from '../dependencies/npmManifest/readNpmDependencies';
import { readNpmLockedVersions } from '../dependencies/npmManifest/readNpmLockedVersions';
import { readYarnLockedVersions } from '../dependencies/yarnLockfile/readYarnLockedVersions';

/**
 * The locked versions of the manifest in `folder` of a lockfile root (`''`
 * for the root's own): from its npm-shrinkwrap.json or package-lock.json,
 * else from its yarn.lock, else none. `read` gives a root file's text or
 * undefined.
 */
export async function readLockedVersions(
  read: (file: string) => Promise<string | undefined>,
  folder: string,
  manifest: string,
): Promise<Map<string, string>> {
  const npmLockfile =
    (await read('npm-shrinkwrap.json')) ?? (await read('package-lock.json'));
  if (npmLockfile !== undefined) {
    return readNpmLockedVersions(npmLockfile, folder);
  }
  const yarnLock = await read('yarn.lock');
  return yarnLock === undefined
    ? new Map()
    : readYarnLockedVersions(yarnLock, readNpmDependencies(manifest));
}
