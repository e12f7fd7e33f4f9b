import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { requirePermission } from '@catalyst/backend-common';
import type {
  ComponentReleases,
  PastRelease,
  ReleasePullRequestSummary,
} from '@catalyst/plugin-platform-common';
import type {
  CheckoutService,
  GithubBudget,
} from '@catalyst/plugin-platform-node';
import {
  fileReaderAt,
  GitRepository,
  parseReleaseTag,
  planRelease,
  readReleaseConfig,
  ReleasePlanError,
} from '@catalyst/release';
import { connectRepository } from '../connectRepository';
import { detectReleaseAutomation } from '../detectReleaseAutomation';
import { readReleasePullRequest } from '../releasePullRequest';
import { componentRepository } from '../ReleaseScanner';
import { bumpReason, commitView, commitGroups } from './releaseView';

const MAX_RELEASES = 20;
const PAGE = 100;

/**
 * Answers the Releases card: plans the component's next release from its
 * repository (a local folder in place, or a full clone of its GitHub
 * repository), and reads its open release pull requests and releases from
 * GitHub when a configured integration reaches it.
 */
export class ComponentReleasesService {
  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntityByRef'>;
      permissions: PermissionsService;
      checkouts: Pick<CheckoutService, 'openComponent'>;
      integrations: ScmIntegrationRegistry;
      credentialsProvider: GithubCredentialsProvider;
      /** The platform's GitHub budget; these reads count as `release`. */
      budget?: GithubBudget;
      /** Lower-case `owner/name` opted in despite their own release tool. */
      optIn: Set<string>;
    },
  ) {}

  async get(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { package?: string } = {},
  ): Promise<ComponentReleases> {
    await requirePermission({
      permissions: this.deps.permissions,
      credentials,
      permission: catalogEntityReadPermission,
      resourceRef: entityRef,
      action: `read the releases of ${entityRef}`,
    });
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const github = componentRepository(entity, this.deps.integrations);
    const checkout = await this.deps.checkouts.openComponent(entity, {
      depth: 'full',
    });
    try {
      if (checkout.source.type === 'tree') {
        throw new NotFoundError(
          `The repository of ${entityRef} is read without its history (${checkout.source.location}); releases need a git repository`,
        );
      }
      const repo = new GitRepository(checkout.dir);
      const prefix = await repo
        .git(['rev-parse', '--show-prefix'])
        .then(out => out.trim().replace(/\/$/, ''))
        .catch(() => undefined);
      if (prefix === undefined) {
        throw new NotFoundError(
          `The folder of ${entityRef} is not a git repository`,
        );
      }
      // A component in a folder of a larger repository (a monorepo) is the workspace package there.
      const wanted = options.package ?? (prefix || undefined);
      let plan;
      try {
        plan = await planRelease({ dir: checkout.dir, package: wanted });
      } catch (error) {
        if (error instanceof ReleasePlanError) {
          throw options.package
            ? new InputError(error.message)
            : new NotFoundError(
                `${entityRef} is the folder ${prefix} of a repository, and no workspace package of it: ${error.message}`,
              );
        }
        throw error;
      }
      const config = await readReleaseConfig(fileReaderAt(repo, 'HEAD'));
      const sections =
        config.packages.find(p => p.path === plan.package.path)?.sections ??
        config.sections;
      const webUrl = github?.url ?? plan.style.repositoryUrl;
      const view = (entry: (typeof plan.entries)[number]) =>
        commitView(entry, webUrl);
      const automation = await detectReleaseAutomation(repo);
      const warnings: string[] = [];
      const tags = await this.tagsOf(repo, plan.package, webUrl);
      let pullRequests: ReleasePullRequestSummary[] = [];
      let releases = tags;
      if (github) {
        try {
          const client = await this.connect(github.url);
          pullRequests = await client.openReleasePullRequests();
          releases = mergeReleases(tags, await client.releases());
        } catch (error) {
          warnings.push(
            `GitHub did not answer for ${github.slug}: ${
              (error as Error).message
            }`,
          );
        }
      }
      return {
        entityRef: stringifyEntityRef(entity),
        repositoryUrl: github?.url,
        package: {
          name: plan.package.name,
          path: plan.package.path,
          ecosystem: plan.package.ecosystem,
        },
        tool: plan.config.tool,
        automation: automation && {
          ...automation,
          optedIn: !!github && this.deps.optIn.has(github.slug),
        },
        previousVersion: plan.previousVersion,
        previousTag: plan.previousTag,
        nextVersion: plan.nextVersion,
        nextTag: plan.nextTag,
        bump: plan.bump,
        reason: bumpReason(plan, view),
        groups: commitGroups(plan, sections, view),
        markdown: plan.markdown,
        pullRequests,
        releases: releases.slice(0, MAX_RELEASES),
        warnings,
      };
    } finally {
      await checkout.close();
    }
  }

  /** The package's release tags, highest version first, with their dates. */
  private async tagsOf(
    repo: GitRepository,
    pkg: { name: string; path: string },
    webUrl: string | undefined,
  ): Promise<PastRelease[]> {
    const names = new Set([
      pkg.name,
      pkg.name.replace(/^@[^/]+\//, ''),
      pkg.path.split('/').pop()!,
    ]);
    const out = await repo.git([
      'for-each-ref',
      '--format=%(refname:short)%09%(creatordate:iso-strict)',
      'refs/tags',
    ]);
    const releases: PastRelease[] = [];
    for (const line of out.split('\n')) {
      const [tag, date] = line.split('\t');
      const parsed = tag ? parseReleaseTag(tag) : undefined;
      if (!parsed) continue;
      const ours =
        parsed.component === undefined
          ? pkg.path === '.'
          : names.has(parsed.component);
      if (!ours) continue;
      releases.push({
        tag,
        version: parsed.version,
        date: date || undefined,
        url: webUrl ? `${webUrl}/tree/${encodeURIComponent(tag)}` : undefined,
      });
    }
    // By version: tags made in the same second have no order by date.
    return releases
      .sort((a, b) => compareVersions(b.version, a.version))
      .slice(0, MAX_RELEASES);
  }

  private async connect(repositoryUrl: string) {
    const { octokit, owner, repo, call } = await connectRepository(
      this.deps.integrations,
      this.deps.credentialsProvider,
      repositoryUrl,
      this.deps.budget,
    );
    return {
      async openReleasePullRequests(): Promise<ReleasePullRequestSummary[]> {
        const pulls = await call('pulls.list', () =>
          octokit.rest.pulls.list({
            owner,
            repo,
            state: 'open',
            per_page: PAGE,
          }),
        );
        const found: ReleasePullRequestSummary[] = [];
        for (const pull of pulls) {
          if (!pull.head.ref.startsWith('chore/release-')) continue;
          const marker = readReleasePullRequest(pull.body);
          if (!marker) continue;
          found.push({
            number: pull.number,
            title: pull.title,
            url: pull.html_url,
            state: pull.draft ? 'draft' : 'open',
            branch: pull.head.ref,
            version: marker.version,
            updatedAt: pull.updated_at,
          });
        }
        return found;
      },
      async releases(): Promise<PastRelease[]> {
        const items = await call('repos.listReleases', () =>
          octokit.rest.repos.listReleases({ owner, repo, per_page: PAGE }),
        );
        return items
          .filter(r => !r.draft)
          .map(r => ({
            tag: r.tag_name,
            version: parseReleaseTag(r.tag_name)?.version ?? r.tag_name,
            date: r.published_at ?? r.created_at,
            url: r.html_url,
            name: r.name ?? undefined,
          }));
      },
    };
  }
}

/** The tags, each with its GitHub release when it has one. */
function mergeReleases(
  tags: PastRelease[],
  githubReleases: PastRelease[],
): PastRelease[] {
  const byTag = new Map(githubReleases.map(r => [r.tag, r]));
  return tags.map(tag => {
    const release = byTag.get(tag.tag);
    return release ? { ...tag, ...release, version: tag.version } : tag;
  });
}

/** Semantic version order; a pre-release comes before its release. */
function compareVersions(a: string, b: string): number {
  const [coreA, preA] = a.split(/-(.*)/s);
  const [coreB, preB] = b.split(/-(.*)/s);
  const byCore = coreA.localeCompare(coreB, 'en', { numeric: true });
  if (byCore !== 0) return byCore;
  if (!preA || !preB) return (preA ? -1 : 0) + (preB ? 1 : 0);
  return preA.localeCompare(preB, 'en', { numeric: true });
}
