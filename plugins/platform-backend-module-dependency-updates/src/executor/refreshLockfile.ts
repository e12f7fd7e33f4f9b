import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { IsolatedToolRunner } from '@catalyst/plugin-platform-node';

/**
 * Brings the lockfile of `dir` in line with its edited package.json.
 *
 * @public
 */
export type RefreshLockfile = (
  dir: string,
  options: {
    registryUrl?: string;
    signal: AbortSignal;
    /** Package managers run the repository's code (`yarnPath`, plugins): isolated. */
    tools: IsolatedToolRunner;
  },
) => Promise<void>;

/**
 * `--omit-lockfile-registry-resolved` as the lockfile already does it, so
 * the machine's npm config cannot add or strip `resolved` URLs.
 */
async function resolvedUrlStyle(lockfile: string): Promise<string[]> {
  const { packages } = JSON.parse(await fs.readFile(lockfile, 'utf8')) as {
    packages?: Record<string, { resolved?: string; link?: boolean }>;
  };
  const installed = Object.entries(packages ?? {}).filter(
    ([path, entry]) => path && !entry.link,
  );
  if (installed.length === 0) return [];
  const resolved = installed.some(([, entry]) => entry.resolved);
  return [`--omit-lockfile-registry-resolved=${!resolved}`];
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * The folder's own package manager, from its lockfile, resolving only the
 * lockfile and running no lifecycle scripts: npm
 * (`install --package-lock-only`), pnpm (`install --lockfile-only`), Yarn
 * 2+ (`install --mode=update-lockfile`). Without a lockfile there is
 * nothing to refresh. `registryUrl` replaces the configured registry; npm
 * keeps writing `resolved` URLs only if the lockfile has them. The package
 * manager runs isolated, with the network and no credentials.
 *
 * @public
 */
export const refreshLockfile: RefreshLockfile = async (
  dir,
  { registryUrl, signal, tools },
) => {
  const registry = registryUrl ? ['--registry', registryUrl] : [];
  const run = (command: string, args: string[], env = {}) =>
    tools.run(command, args, { cwd: dir, signal, network: true, env });
  const npmLockfile = (
    await Promise.all(
      ['npm-shrinkwrap.json', 'package-lock.json'].map(async name =>
        (await exists(join(dir, name))) ? join(dir, name) : undefined,
      ),
    )
  ).find(Boolean);
  if (npmLockfile) {
    await run('npm', [
      'install',
      '--package-lock-only',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      ...(await resolvedUrlStyle(npmLockfile)),
      ...registry,
    ]);
  } else if (await exists(join(dir, 'pnpm-lock.yaml'))) {
    await run('pnpm', [
      'install',
      '--lockfile-only',
      '--ignore-scripts',
      ...registry,
    ]);
  } else if (await exists(join(dir, 'yarn.lock'))) {
    await run('yarn', ['install', '--mode=update-lockfile'], {
      YARN_ENABLE_SCRIPTS: '0',
      ...(registryUrl ? { YARN_NPM_REGISTRY_SERVER: registryUrl } : {}),
    });
  }
};
