import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  PlatformTaskInput,
  PlatformTaskScanContext,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import {
  fileReaderAt,
  findWorkspacePackages,
  GitRepository,
  planRelease,
} from '@catalyst/release';
import { detectReleaseAutomation } from './detectReleaseAutomation';
import { ReleaseCheckouts } from './ReleaseCheckouts';

const SLUG = 'github.com/project-slug';
const MAX_REPOSITORIES = 200;

/** The GitHub repositories of catalog components, by `github.com/project-slug`. */
export async function componentRepositories(
  catalog: Pick<CatalogService, 'getEntities'>,
  auth: Pick<AuthService, 'getOwnServiceCredentials'>,
): Promise<Map<string, string>> {
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Component' }, fields: ['kind', 'metadata', 'spec'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const repositories = new Map<string, string>();
  for (const entity of items) {
    const slug = entity.metadata.annotations?.[SLUG];
    if (!slug || !/^[\w.-]+\/[\w.-]+$/.test(slug)) continue;
    if (!repositories.has(slug.toLowerCase())) {
      repositories.set(slug.toLowerCase(), stringifyEntityRef(entity));
    }
  }
  return repositories;
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
      checkouts: Pick<ReleaseCheckouts, 'open'>;
      optIn: Set<string>;
      logger: LoggerService;
      /** `https://github.com` unless the integration names another host. */
      githubBaseUrl?: string;
    },
  ) {}

  async scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]> {
    const repositories = await componentRepositories(
      this.deps.catalog,
      this.deps.auth,
    );
    const inputs: PlatformTaskInput[] = [];
    for (const [slug, entityRef] of [...repositories].slice(
      0,
      MAX_REPOSITORIES,
    )) {
      ctx.signal.throwIfAborted();
      try {
        inputs.push(...(await this.scanRepository(slug, entityRef)));
      } catch (error) {
        this.deps.logger.warn(`Could not plan a release of ${slug}: ${error}`);
      }
    }
    return inputs;
  }

  private async scanRepository(
    slug: string,
    entityRef: string,
  ): Promise<PlatformTaskInput[]> {
    const repositoryUrl = `${
      this.deps.githubBaseUrl ?? 'https://github.com'
    }/${slug}`;
    const checkout = await this.deps.checkouts.open(repositoryUrl);
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
