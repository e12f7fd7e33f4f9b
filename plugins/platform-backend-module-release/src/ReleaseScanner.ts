import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CheckoutService,
  PlatformTaskInput,
  PlatformTaskScanContext,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import {
  parseGithubRepository,
  resolveSpecSource,
} from '@catalyst/plugin-platform-node';
import {
  fileReaderAt,
  findWorkspacePackages,
  GitRepository,
  planRelease,
} from '@catalyst/release';
import { detectReleaseAutomation } from './detectReleaseAutomation';

const MAX_REPOSITORIES = 200;

/**
 * A component's GitHub repository.
 *
 * @public
 */
export interface ComponentRepository {
  /** The component whose source location names the repository. */
  entityRef: string;
  /** `https://<host>/<owner>/<name>` */
  url: string;
  /** `owner/name`, lower case. */
  slug: string;
}

/**
 * The repository of a component when a configured GitHub integration reaches
 * it: the entity's source location (`backstage.io/source-location`, or
 * `catalyst.dev/specs-location`). A component read from a local folder, such
 * as the demo catalog, is never sent to GitHub, whatever its
 * `github.com/project-slug` says.
 *
 * @public
 */
export function componentRepository(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): ComponentRepository | undefined {
  let source;
  try {
    source = resolveSpecSource(entity);
  } catch {
    // An unsupported location type is the catalog's to report; it names no GitHub repository.
    return undefined;
  }
  if (source?.type !== 'url') return undefined;
  let repository;
  try {
    repository = parseGithubRepository(source.repoUrl);
  } catch {
    return undefined;
  }
  if (!integrations.github.byUrl(repository.url)) return undefined;
  return {
    entityRef: stringifyEntityRef(entity),
    url: repository.url,
    slug: `${repository.owner}/${repository.repo}`.toLowerCase(),
  };
}

/** The GitHub repositories of catalog components, one entry per repository. */
export async function componentRepositories(
  catalog: Pick<CatalogService, 'getEntities'>,
  auth: Pick<AuthService, 'getOwnServiceCredentials'>,
  integrations: ScmIntegrationRegistry,
): Promise<ComponentRepository[]> {
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Component' }, fields: ['kind', 'metadata', 'spec'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const repositories = new Map<string, ComponentRepository>();
  for (const entity of items) {
    const repository = componentRepository(entity, integrations);
    if (repository && !repositories.has(repository.url.toLowerCase())) {
      repositories.set(repository.url.toLowerCase(), repository);
    }
  }
  return [...repositories.values()];
}

/**
 * `release`: a task per component repository (per workspace package in a
 * monorepo) whose default branch has releasable commits since its last
 * release. Repositories that release with their own tool are left out unless
 * opted in.
 *
 * @public
 */
export class ReleaseScanner implements PlatformTaskScanner {
  readonly id = 'releasable-commits';
  readonly taskType = 'release';

  constructor(
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntities'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      integrations: ScmIntegrationRegistry;
      checkouts: Pick<CheckoutService, 'clone'>;
      optIn: Set<string>;
      logger: LoggerService;
    },
  ) {}

  async scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]> {
    const repositories = await componentRepositories(
      this.deps.catalog,
      this.deps.auth,
      this.deps.integrations,
    );
    const inputs: PlatformTaskInput[] = [];
    for (const repository of repositories.slice(0, MAX_REPOSITORIES)) {
      ctx.signal.throwIfAborted();
      try {
        inputs.push(...(await this.scanRepository(repository)));
      } catch (error) {
        this.deps.logger.warn(
          `Could not plan a release of ${repository.url}: ${error}`,
        );
      }
    }
    return inputs;
  }

  private async scanRepository({
    entityRef,
    url: repositoryUrl,
    slug,
  }: ComponentRepository): Promise<PlatformTaskInput[]> {
    const checkout = await this.deps.checkouts.clone({
      repositoryUrl,
      depth: 'full',
    });
    try {
      const repo = new GitRepository(checkout.dir);
      const automation = await detectReleaseAutomation(repo);
      if (automation && !this.deps.optIn.has(slug)) return [];
      const packages = await findWorkspacePackages(
        repo,
        'HEAD',
        fileReaderAt(repo, 'HEAD'),
      );
      const targets = packages.length ? packages.map(p => p.name) : [undefined];
      const inputs: PlatformTaskInput[] = [];
      for (const pkg of targets) {
        const plan = await planRelease({ dir: checkout.dir, package: pkg });
        if (plan.bump === 'none') continue;
        const name = pkg ?? slug.split('/')[1];
        inputs.push({
          entityRef,
          title: `Release ${name} ${plan.nextVersion}`,
          description: plan.reason,
          repository: slug,
          // One release pull request per package, however many scans find it.
          subject: pkg ?? 'repository',
          payload: { repositoryUrl, ...(pkg ? { package: pkg } : {}) },
        });
      }
      return inputs;
    } finally {
      await checkout.close();
    }
  }
}
