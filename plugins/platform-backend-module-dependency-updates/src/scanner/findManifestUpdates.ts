import type { LoggerService } from '@backstage/backend-plugin-api';
import type { GithubAdvisoryClient } from '@catalyst/plugin-platform-node';
import {
  GoProxyClient,
  GoProxyError,
} from '../dependencies/goModules/GoProxyClient';
import { planGoUpdates } from '../dependencies/goModules/planGoUpdates';
import { readGoModRequires } from '../dependencies/goModules/readGoModRequires';
import { readNpmDependencies } from '../dependencies/npmManifest/readNpmDependencies';
import { npmVersionInUse } from '../dependencies/npmManifest/readNpmLockedVersions';
import {
  NpmPackument,
  NpmRegistryClient,
} from '../dependencies/npmRegistry/NpmRegistryClient';
import { NpmRegistryError } from '../dependencies/npmRegistry/NpmRegistryError';
import { planNpmUpdates } from '../dependencies/planNpmUpdates';
import { DependencyUpdate } from '../dependencies/types';

/** What reading one manifest needs; registry answers are cached across repositories. */
export interface ManifestScan {
  repositoryUrl: string;
  directory: string;
  advisories: Pick<GithubAdvisoryClient, 'listAffecting'>;
  isIgnored(name: string): boolean;
  logger: LoggerService;
  signal: AbortSignal;
}

/** A registry answer, or undefined for a package it does not have (a private one). */
async function orMissing<T>(
  read: () => Promise<T>,
  name: string,
  logger: LoggerService,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (
      (error instanceof NpmRegistryError || error instanceof GoProxyError) &&
      error.details.reason === 'not_found'
    ) {
      logger.debug(`No ${name} in the registry; skipped`);
      return undefined;
    }
    throw error;
  }
}

/**
 * The updates of a package.json: registry `latest` against each movable
 * range and its locked version (from `readLockedVersions`).
 */
export async function findNpmUpdates(
  text: string,
  locked: Map<string, string>,
  scan: ManifestScan,
  registry: NpmRegistryClient,
  cache: Map<string, NpmPackument | undefined>,
): Promise<DependencyUpdate[]> {
  const dependencies = readNpmDependencies(text).filter(
    dependency => !scan.isIgnored(dependency.name),
  );
  const packuments = new Map<string, NpmPackument>();
  for (const { name } of dependencies) {
    if (!cache.has(name)) {
      cache.set(
        name,
        await orMissing(
          () => registry.getPackument(name, scan.signal),
          name,
          scan.logger,
        ),
      );
    }
    const packument = cache.get(name);
    if (packument) packuments.set(name, packument);
  }
  const advisories = await scan.advisories.listAffecting({
    repository: scan.repositoryUrl,
    ecosystem: 'npm',
    packages: dependencies
      .filter(({ name }) => packuments.has(name))
      .map(dependency => ({
        name: dependency.name,
        version: npmVersionInUse(dependency, locked),
      })),
  });
  return planNpmUpdates({
    directory: scan.directory,
    dependencies,
    locked,
    packuments,
    advisories,
  });
}

/** The updates of a go.mod: the proxy's highest release of each direct requirement. */
export async function findGoUpdates(
  text: string,
  scan: ManifestScan,
  proxy: GoProxyClient,
  cache: Map<string, string | undefined>,
): Promise<DependencyUpdate[]> {
  const requires = readGoModRequires(text).filter(
    requirement => !scan.isIgnored(requirement.modulePath),
  );
  const latest = new Map<string, string>();
  for (const { modulePath } of requires) {
    if (!cache.has(modulePath)) {
      cache.set(
        modulePath,
        await orMissing(
          () => proxy.latestRelease(modulePath, scan.signal),
          modulePath,
          scan.logger,
        ),
      );
    }
    const version = cache.get(modulePath);
    if (version) latest.set(modulePath, version);
  }
  const advisories = await scan.advisories.listAffecting({
    repository: scan.repositoryUrl,
    ecosystem: 'go',
    packages: requires
      .filter(({ modulePath }) => latest.has(modulePath))
      .map(({ modulePath, semver }) => ({ name: modulePath, version: semver })),
  });
  return planGoUpdates({
    directory: scan.directory,
    requires,
    latest,
    advisories,
  });
}
