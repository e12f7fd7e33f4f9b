import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  GithubAdvisoryClient,
  PlatformTaskInput,
  PlatformTaskScanContext,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  describeDependencyUpdates,
  DependencyUpdateGrouping,
  groupDependencyUpdates,
} from '../../../dependencies/groupDependencyUpdates';
import {
  NpmDependency,
  readNpmDependencies,
} from '../../../dependencies/npmManifest/readNpmDependencies';
import {
  NpmPackument,
  NpmRegistryClient,
} from '../../../dependencies/npmRegistry/NpmRegistryClient';
import { NpmRegistryError } from '../../../dependencies/npmRegistry/NpmRegistryError';
import { planNpmUpdates } from '../../../dependencies/planNpmUpdates';
import { DependencyUpdate } from '../../../dependencies/types';
import { TemporaryCheckouts } from '../../executors/TemporaryCheckouts';
import {
  componentManifestLocations,
  RepositoryManifests,
} from './componentManifestLocations';

/** Whether a package name is on the ignore list (`left-pad`, `@types/*`). */
function isIgnored(name: string, ignore: string[]): boolean {
  return ignore.some(pattern =>
    pattern.endsWith('*')
      ? name.startsWith(pattern.slice(0, -1))
      : name === pattern,
  );
}

/**
 * `dependency_update`: reads the package.json of every catalog component on
 * a GitHub repository (a shallow clone of its default branch), asks the npm
 * registry for each dependency's `latest` and GitHub's advisory database for
 * advisories on the versions in use, and returns the updates grouped by
 * policy, security fixes first.
 */
export class DependencyUpdateScanner implements PlatformTaskScanner {
  readonly id = 'dependency-updates';
  readonly taskType = 'dependency_update';

  constructor(
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      integrations: ScmIntegrationRegistry;
      checkouts: TemporaryCheckouts;
      registry: NpmRegistryClient;
      advisories: Pick<GithubAdvisoryClient, 'listAffecting'>;
      logger: LoggerService;
      grouping: DependencyUpdateGrouping;
      ignore: string[];
    },
  ) {}

  async scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]> {
    const { items } = await this.deps.catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const { repositories, problems } = componentManifestLocations(
      items,
      this.deps.integrations,
    );
    problems.forEach(problem =>
      this.deps.logger.warn(`Dependency updates skip ${problem}`),
    );
    const packuments = new Map<string, NpmPackument | undefined>();
    const inputs: PlatformTaskInput[] = [];
    for (const repository of repositories) {
      ctx.signal.throwIfAborted();
      try {
        inputs.push(
          ...(await this.scanRepository(repository, packuments, ctx)),
        );
      } catch (error) {
        this.deps.logger.warn(
          `Could not look for dependency updates in ${repository.repository}: ${error}`,
        );
      }
    }
    return inputs.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  }

  private async scanRepository(
    repository: RepositoryManifests,
    packuments: Map<string, NpmPackument | undefined>,
    ctx: PlatformTaskScanContext,
  ): Promise<PlatformTaskInput[]> {
    const manifests = await this.readManifests(repository);
    const updates: DependencyUpdate[] = [];
    for (const { directory, dependencies } of manifests) {
      for (const { name } of dependencies) {
        if (!packuments.has(name)) {
          packuments.set(name, await this.packument(name, ctx.signal));
        }
      }
      const known = new Map(
        dependencies.flatMap(({ name }) => {
          const packument = packuments.get(name);
          return packument ? [[name, packument] as const] : [];
        }),
      );
      const advisories = await this.deps.advisories.listAffecting({
        repository: repository.repositoryUrl,
        ecosystem: 'npm',
        packages: dependencies
          .filter(({ name }) => known.has(name))
          .map(({ name, parsed }) => ({ name, version: parsed.version })),
      });
      updates.push(
        ...planNpmUpdates({
          directory,
          dependencies,
          packuments: known,
          advisories,
        }),
      );
    }
    return groupDependencyUpdates(updates, this.deps.grouping).map(group => {
      const directory = group.updates[0].directory;
      const advisories = group.updates.flatMap(update => update.advisories);
      return {
        entityRef:
          repository.directories.get(directory) ??
          [...repository.directories.values()][0],
        title: `${describeDependencyUpdates(group.updates).replace(
          /^u/,
          'U',
        )} in ${repository.repository}`,
        description: advisories.length
          ? `Fixes ${advisories
              .map(a => `${a.ghsaId} (${a.severity})`)
              .join(', ')}`
          : undefined,
        priority: group.priority,
        repository: repository.repository,
        subject: group.subject,
        payload: {
          repositoryUrl: repository.repositoryUrl,
          updates: group.updates,
        },
      };
    });
  }

  private async readManifests(repository: RepositoryManifests) {
    const checkout = await this.deps.checkouts.open(repository.repositoryUrl);
    try {
      const manifests: { directory: string; dependencies: NpmDependency[] }[] =
        [];
      for (const directory of repository.directories.keys()) {
        const text = await fs
          .readFile(join(checkout.dir, directory, 'package.json'), 'utf8')
          .catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return undefined;
            throw error;
          });
        if (text === undefined) continue;
        const dependencies = readNpmDependencies(text).filter(
          dependency => !isIgnored(dependency.name, this.deps.ignore),
        );
        manifests.push({ directory, dependencies });
      }
      return manifests;
    } finally {
      await checkout.close();
    }
  }

  /** A package the registry does not have (a private one) is skipped. */
  private async packument(name: string, signal: AbortSignal) {
    try {
      return await this.deps.registry.getPackument(name, signal);
    } catch (error) {
      if (
        error instanceof NpmRegistryError &&
        error.details.reason === 'not_found'
      ) {
        this.deps.logger.debug(`The npm registry has no ${name}; skipped`);
        return undefined;
      }
      throw error;
    }
  }
}
