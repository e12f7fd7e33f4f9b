import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GithubBudget,
  githubOctokit,
  InProcessScanPacer,
  PlatformTaskInput,
  PlatformTaskScanContext,
  PlatformTaskScanMemory,
  PlatformTaskScanner,
} from '@catalyst/plugin-platform-node';
import type { Octokit } from '@octokit/rest';
import { detectLintFixers } from './detectLintFixers';
import type { LintAutofixScanConfig } from './readLintAutofixConfig';

const SLUG = 'github.com/project-slug';
const SOURCE_LOCATION = 'backstage.io/source-location';
/** The branch the executor proposes on: `chore/<task type>-<subject>`. */
export const LINT_AUTOFIX_BRANCH = 'chore/lint-autofix-repository';
/** A package.json larger than this is not read (untrusted input). */
const MAX_PACKAGE_JSON_BYTES = 512 * 1024;

/** A GitHub repository of a catalog component, found by its annotations. */
interface ComponentRepository {
  slug: string;
  entityRef: string;
  host: string;
}

/**
 * The GitHub repositories of catalog components: `github.com/project-slug`,
 * else a `backstage.io/source-location` on a configured GitHub host.
 */
async function componentRepositories(
  catalog: Pick<CatalogService, 'getEntities'>,
  auth: Pick<AuthService, 'getOwnServiceCredentials'>,
  integrations: ScmIntegrationRegistry,
): Promise<ComponentRepository[]> {
  const { items } = await catalog.getEntities(
    { filter: { kind: 'Component' }, fields: ['kind', 'metadata'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const defaultHost = integrations.github.list()[0]?.config.host;
  const found = new Map<string, ComponentRepository>();
  for (const entity of items) {
    const annotations = entity.metadata.annotations ?? {};
    let slug = annotations[SLUG];
    let host = defaultHost;
    const location = annotations[SOURCE_LOCATION]?.replace(/^url:/, '');
    if (!slug && location) {
      try {
        const url = new URL(location);
        if (integrations.github.byHost(url.host)) {
          host = url.host;
          slug = url.pathname.split('/').slice(1, 3).join('/');
        }
      } catch {
        // Not a URL: the component has no GitHub source location.
        continue;
      }
    }
    if (!host || !slug || !/^[\w.-]+\/[\w.-]+$/.test(slug)) continue;
    const key = `${host}/${slug}`.toLowerCase();
    if (!found.has(key)) {
      found.set(key, {
        slug: slug.toLowerCase(),
        entityRef: stringifyEntityRef(entity),
        host,
      });
    }
  }
  return [...found.values()];
}

/** What the scanner keeps per repository between cycles. */
interface LintScanMemory {
  /** The default branch, its head and GitHub's ETag of that ref. */
  branch?: string;
  head?: string;
  refEtag?: string;
  htmlUrl?: string;
  /** The head this scanner last checked (queued, found a lint pull request open, or found no fixers). */
  checked?: string;
  /** An archived repository, with GitHub's ETag of the repository. */
  archived?: boolean;
  repoEtag?: string;
}

const isNotModified = (error: unknown) =>
  (error as { status?: number }).status === 304;
const isNotFound = (error: unknown) =>
  (error as { status?: number }).status === 404;

/**
 * `lint_autofix`: at most one task per component repository that uses ESLint
 * or Prettier (its default branch's package.json), or is a Python or Go
 * project (a pyproject.toml, setup.py, setup.cfg, requirements.txt or ruff
 * config; a go.mod, at its root), only when the default
 * branch moved since this scanner last queued or checked it, and never while
 * a lint pull request of Catalyst is open on it.
 *
 * It does not run the linters itself: that needs the repository's
 * dependencies installed, which is the executor's (expensive) work, and an
 * executor run that finds nothing to fix opens no pull request. The head SHA
 * is what keeps the loop cheap: a repository is read with one conditional
 * request for its default branch (GitHub's ETag, kept by the platform per
 * repository), which GitHub answers 304 without counting it when nothing
 * moved. The repositories are spread over the scan interval (`pacing`).
 *
 * @public
 */
export class LintAutofixScanner implements PlatformTaskScanner {
  readonly id = 'lint-autofix';
  readonly taskType = 'lint_autofix';
  readonly pacing: { intervalMinutes: number };
  private readonly inProcess = new InProcessScanPacer();

  constructor(
    readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntities'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      integrations: ScmIntegrationRegistry;
      credentialsProvider: GithubCredentialsProvider;
      /** The platform's GitHub budget; the scan's requests count as `lint-autofix`. */
      budget?: GithubBudget;
      logger: LoggerService;
      config: LintAutofixScanConfig;
    },
  ) {
    this.pacing = { intervalMinutes: deps.config.scanFrequencyMinutes };
  }

  async scan(ctx: PlatformTaskScanContext): Promise<PlatformTaskInput[]> {
    const { config, logger } = this.deps;
    if (!config.enabled) return [];
    const repositories = (
      await componentRepositories(
        this.deps.catalog,
        this.deps.auth,
        this.deps.integrations,
      )
    ).filter(repository => this.optedIn(repository.slug));
    const pace = ctx.pace ?? this.inProcess.pace;
    return pace({
      items: repositories,
      key: repository => `${repository.host}/${repository.slug}`,
      maxTasksPerCycle: config.maxTasksPerCycle,
      scan: async (repository, memory) => {
        try {
          return await this.scanRepository(repository, memory);
        } catch (error) {
          logger.warn(
            `Could not scan ${repository.slug} for lint fixes: ${error}`,
          );
          return undefined;
        }
      },
    });
  }

  private optedIn(slug: string): boolean {
    const { repositories, owners } = this.deps.config;
    if (repositories.size === 0 && owners.size === 0) return true;
    return repositories.has(slug) || owners.has(slug.split('/')[0]);
  }

  private async scanRepository(
    repository: ComponentRepository,
    memory: PlatformTaskScanMemory,
  ): Promise<PlatformTaskInput | undefined> {
    const repositoryUrl = `https://${repository.host}/${repository.slug}`;
    const integration = this.deps.integrations.github.byHost(repository.host);
    if (!integration) return undefined;
    const { token } = await this.deps.credentialsProvider.getCredentials({
      url: repositoryUrl,
    });
    const octokit = githubOctokit({
      baseUrl: integration.config.apiBaseUrl,
      token,
      budget: this.deps.budget,
      feature: 'lint-autofix',
    });
    const [owner, repo] = repository.slug.split('/');
    const previous = (memory.previous ?? {}) as LintScanMemory;
    const known = await this.readHead(octokit, owner, repo, previous);
    if (!known) return undefined;
    if (known.archived) {
      memory.keep({ archived: true, repoEtag: known.repoEtag });
      return undefined;
    }
    const { branch, head } = known;
    const next: LintScanMemory = { ...known, checked: previous.checked };
    if (previous.checked === head) {
      memory.keep(next as Record<string, unknown>);
      return undefined;
    }

    const { data: open } = await octokit.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${LINT_AUTOFIX_BRANCH}`,
      per_page: 1,
    });
    // A lint pull request waits for a person or for its checks: the next
    // head after it merges or closes is scanned again.
    if (open.length > 0) {
      memory.keep({ ...next, checked: head } as Record<string, unknown>);
      return undefined;
    }

    const fixers = await this.readFixers(octokit, owner, repo, head!);
    memory.keep({ ...next, checked: head } as Record<string, unknown>);
    if (fixers.length === 0) return undefined;
    const tools = [...new Set(fixers.map(fixer => fixer.tool))].join(' and ');
    return {
      entityRef: repository.entityRef,
      title: `Apply ${tools} fixes to ${repository.slug}`,
      description: `The default branch (${branch}) moved to ${head!.slice(
        0,
        12,
      )}; the repository's own ${tools} run with their automatic fixes.`,
      repository: repository.slug,
      // One lint pull request per repository, however many scans find it.
      subject: 'repository',
      payload: {
        repositoryUrl: known.htmlUrl,
        headSha: head,
      },
    };
  }

  /**
   * The default branch's head, by one conditional request for the branch
   * last seen (a 304 when it did not move); the repository is read only the
   * first time, or when that branch is gone (renamed). An archived
   * repository is asked about conditionally too.
   */
  private async readHead(
    octokit: Octokit,
    owner: string,
    repo: string,
    previous: LintScanMemory,
  ): Promise<LintScanMemory | undefined> {
    if (previous.branch && previous.head) {
      try {
        const { data, headers } = await octokit.git.getRef({
          owner,
          repo,
          ref: `heads/${previous.branch}`,
          headers: previous.refEtag
            ? { 'if-none-match': previous.refEtag }
            : {},
        });
        return {
          ...previous,
          archived: undefined,
          head: data.object.sha,
          refEtag: headers.etag,
        };
      } catch (error) {
        if (isNotModified(error)) return previous;
        if (!isNotFound(error)) throw error;
      }
    }
    let info;
    let repoEtag;
    try {
      ({
        data: info,
        headers: { etag: repoEtag },
      } = await octokit.repos.get({
        owner,
        repo,
        headers:
          previous.archived && previous.repoEtag
            ? { 'if-none-match': previous.repoEtag }
            : {},
      }));
    } catch (error) {
      if (isNotModified(error)) return previous;
      throw error;
    }
    if (info.archived) return { archived: true, repoEtag };
    const { data: ref, headers } = await octokit.git.getRef({
      owner,
      repo,
      ref: `heads/${info.default_branch}`,
    });
    return {
      branch: info.default_branch,
      head: ref.object.sha,
      refEtag: headers.etag,
      htmlUrl: info.html_url,
    };
  }

  private async readFixers(
    octokit: Octokit,
    owner: string,
    repo: string,
    ref: string,
  ) {
    try {
      const { data: root } = await octokit.repos.getContent({
        owner,
        repo,
        path: '',
        ref,
      });
      if (!Array.isArray(root)) return [];
      const rootFiles = root
        .filter(entry => entry.type === 'file')
        .map(entry => entry.name);
      const manifest = root.find(entry => entry.name === 'package.json');
      let packageJson;
      if (manifest && manifest.size <= MAX_PACKAGE_JSON_BYTES) {
        const { data } = await octokit.repos.getContent({
          owner,
          repo,
          path: 'package.json',
          ref,
        });
        if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
          try {
            packageJson = JSON.parse(
              Buffer.from(data.content, 'base64').toString('utf8'),
            );
          } catch (error) {
            // An unreadable package.json declares no Node tools.
            if (!(error instanceof SyntaxError)) throw error;
          }
        }
      }
      return detectLintFixers({ packageJson, rootFiles });
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }
}
