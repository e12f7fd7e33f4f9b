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
import { join } from 'node:path';
import {
  describeDependencyUpdates,
  DependencyUpdateGrouping,
  groupDependencyUpdates,
} from '../dependencies/groupDependencyUpdates';
import {
  NpmPackument,
  NpmRegistryClient,
} from '../dependencies/npmRegistry/NpmRegistryClient';
import { GoProxyClient } from '../dependencies/goModules/GoProxyClient';
import { DependencyUpdate } from '../dependencies/types';
import type { CheckoutService } from '@catalyst/plugin-platform-node';
import {
  componentManifestLocations,
  RepositoryManifests,
} from './componentManifestLocations';
import {
  findGoUpdates,
  findNpmUpdates,
  ManifestScan,
} from './findManifestUpdates';
import { findWorkspaceUpdates, readOptionalFile } from './findWorkspaceUpdates';
import { readLockedVersions } from './readLockedVersions';

/** Whether a package name is on the ignore list (`left-pad`, `@types/*`). */
function isIgnored(name: string, ignore: string[]): boolean {
  return ignore.some(pattern =>
    pattern.endsWith('*')
      ? name.startsWith(pattern.slice(0, -1))
      : name === pattern,
  );
}

/**
 * `dependency_update`: reads the package.json and go.mod of every catalog
 * component on a GitHub repository (a shallow clone of its default branch)
 * and, when the repository root declares npm, Yarn or pnpm workspaces, the
 * package.json of the root and of every workspace against the root
 * lockfile; asks the npm registry for each dependency's `latest` (the Go
 * module proxy for the highest release) and GitHub's advisory database
 * about the versions in use, and returns the updates grouped by policy,
 * security fixes first.
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
      checkouts: CheckoutService;
      /** Reads package.json files when set. */
      registry?: NpmRegistryClient;
      /** Reads go.mod files when set. */
      goProxy?: GoProxyClient;
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
    const caches = {
      npm: new Map<string, NpmPackument | undefined>(),
      go: new Map<string, string | undefined>(),
    };
    const inputs: PlatformTaskInput[] = [];
    for (const repository of repositories) {
      ctx.signal.throwIfAborted();
      try {
        inputs.push(...(await this.scanRepository(repository, caches, ctx)));
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
    caches: {
      npm: Map<string, NpmPackument | undefined>;
      go: Map<string, string | undefined>;
    },
    ctx: PlatformTaskScanContext,
  ): Promise<PlatformTaskInput[]> {
    const { registry, goProxy } = this.deps;
    const updates: DependencyUpdate[] = [];
    const checkout = await this.deps.checkouts.clone({
      repositoryUrl: repository.repositoryUrl,
    });
    const common = {
      repositoryUrl: repository.repositoryUrl,
      advisories: this.deps.advisories,
      isIgnored: (name: string) => isIgnored(name, this.deps.ignore),
      logger: this.deps.logger,
      signal: ctx.signal,
    };
    try {
      const workspace =
        registry &&
        (await findWorkspaceUpdates(
          checkout.dir,
          common,
          registry,
          caches.npm,
        ));
      updates.push(...(workspace?.updates ?? []));
      for (const directory of repository.directories.keys()) {
        const scan: ManifestScan = { ...common, directory };
        const read = (file: string) =>
          readOptionalFile(join(checkout.dir, directory, file));
        const packageJson =
          registry &&
          !workspace?.folders.includes(directory) &&
          (await read('package.json'));
        if (registry && packageJson) {
          updates.push(
            ...(await findNpmUpdates(
              packageJson,
              await readLockedVersions(read, '', packageJson),
              scan,
              registry,
              caches.npm,
            )),
          );
        }
        const goMod = goProxy && (await read('go.mod'));
        if (goProxy && goMod !== undefined) {
          updates.push(
            ...(await findGoUpdates(goMod, scan, goProxy, caches.go)),
          );
        }
      }
    } finally {
      await checkout.close();
    }
    return groupDependencyUpdates(updates, this.deps.grouping).map(group => {
      const [{ directory, workspaceRoot }] = group.updates;
      const advisories = group.updates.flatMap(update => update.advisories);
      return {
        entityRef:
          repository.directories.get(directory) ??
          repository.directories.get(workspaceRoot ?? directory) ??
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
}
