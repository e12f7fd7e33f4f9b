import type { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  InvestigationChange,
  InvestigationDeployment,
} from '@catalyst/plugin-observability-common';
import {
  classifyGithubError,
  GithubRepositoryRef,
  parseGithubRepository,
} from '@catalyst/plugin-platform-node';
import { Octokit } from '@octokit/rest';

const PROJECT_SLUG = 'github.com/project-slug';
const SOURCE_LOCATION = 'backstage.io/source-location';
const MAX_DEPENDENCIES = 10;
const MAX_PULLS_PER_REPOSITORY = 20;
const MAX_COMMITS_PER_PULL = 50;
const MAX_DEPLOYMENTS_PER_REPOSITORY = 20;

/** What changed in a window: merged pull requests and deployments. */
export type RecentChangesResult = {
  changes: InvestigationChange[];
  deployments: InvestigationDeployment[];
  warnings: string[];
};

/** `feat(payments): ...` -> `payments`; `fix(api,db)!: ...` -> `api`, `db`. */
export function commitScopes(message: string): string[] {
  const match = /^\s*[a-z]+\(([^)]{1,100})\)!?:/i.exec(message);
  return match
    ? match[1]
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
    : [];
}

/** Spec Kit task ids mentioned: `T012`. */
export function specTaskIds(text: string): string[] {
  return [...new Set(text.match(/\bT\d{3,4}\b/g) ?? [])];
}

/** The GitHub repository of a component, from its project slug or source location. */
export function entityRepository(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): GithubRepositoryRef | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const defaultHost = integrations.github.list()[0]?.config.host;
  const candidates = [annotations[PROJECT_SLUG], annotations[SOURCE_LOCATION]];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const target = parseGithubRepository(candidate, { defaultHost });
      if (integrations.github.byUrl(target.url)) return target;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  return undefined;
}

/**
 * Pull requests merged into the component's repository and the repositories of the
 * components it depends on (`dependsOn` in the catalog), in `[since, until]`, each with
 * the conventional-commit scopes of its title and commits and the spec tasks they name;
 * and the deployments of those repositories created in the window (GitHub's deployments
 * API). A repository that cannot be read becomes a warning.
 */
export class RecentChanges {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      integrations: ScmIntegrationRegistry;
      credentialsProvider: GithubCredentialsProvider;
    },
  ) {}

  async read(
    entityRef: string,
    window: { since: number; until: number },
  ): Promise<RecentChangesResult> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const warnings: string[] = [];
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      return {
        changes: [],
        deployments: [],
        warnings: [`${entityRef} is not in the catalog`],
      };
    }
    const targets: { entity: Entity; relation: 'self' | 'dependency' }[] = [
      { entity, relation: 'self' },
    ];
    const dependencyRefs = (entity.relations ?? [])
      .filter(r => r.type === RELATION_DEPENDS_ON)
      .map(r => r.targetRef)
      .filter(ref => parseEntityRef(ref).kind.toLowerCase() === 'component')
      .slice(0, MAX_DEPENDENCIES);
    if (dependencyRefs.length) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: dependencyRefs },
        { credentials },
      );
      for (const dependency of items) {
        if (dependency)
          targets.push({ entity: dependency, relation: 'dependency' });
      }
    }
    const changes: InvestigationChange[] = [];
    const deployments: InvestigationDeployment[] = [];
    const seen = new Set<string>();
    for (const target of targets) {
      const ref = stringifyEntityRef(target.entity);
      const repository = entityRepository(
        target.entity,
        this.deps.integrations,
      );
      if (!repository) {
        warnings.push(`${ref} names no GitHub repository Catalyst can read`);
        continue;
      }
      const key = repository.url.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const octokit = await this.octokit(repository);
      const of = { entityRef: ref, relation: target.relation };
      try {
        changes.push(
          ...(await this.mergedPulls(octokit, repository, window)).map(
            change => ({ ...change, ...of }),
          ),
        );
      } catch (error) {
        warnings.push(
          `Merged pull requests of ${repository.owner}/${repository.repo}: ${
            (error as Error).message
          }`,
        );
      }
      try {
        deployments.push(
          ...(await this.deployments(octokit, repository, window)).map(
            deployment => ({ ...deployment, ...of }),
          ),
        );
      } catch (error) {
        warnings.push(
          `Deployments of ${repository.owner}/${repository.repo}: ${
            (error as Error).message
          }`,
        );
      }
    }
    changes.sort((a, b) => b.mergedAt.localeCompare(a.mergedAt));
    // Newest first; GitHub's times are whole seconds, so the later-created id breaks a tie.
    deployments.sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
    );
    return { changes, deployments, warnings };
  }

  private async octokit(target: GithubRepositoryRef): Promise<Octokit> {
    const integration = this.deps.integrations.github.byUrl(target.url)!;
    const { token } = await this.deps.credentialsProvider.getCredentials({
      url: target.url,
    });
    return new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      userAgent: 'catalyst-platform',
    });
  }

  /** Deployments created in the window, newest first (GitHub lists them so). */
  private async deployments(
    octokit: Octokit,
    target: GithubRepositoryRef,
    window: { since: number; until: number },
  ): Promise<Omit<InvestigationDeployment, 'entityRef' | 'relation'>[]> {
    const { owner, repo } = target;
    const listed = await githubCall(target, 'repos.listDeployments', () =>
      octokit.rest.repos.listDeployments({ owner, repo, per_page: 100 }),
    );
    return listed
      .filter(d => {
        const at = Date.parse(d.created_at);
        return at >= window.since && at <= window.until;
      })
      .slice(0, MAX_DEPLOYMENTS_PER_REPOSITORY)
      .map(d => ({
        repository: `${owner}/${repo}`,
        id: d.id,
        environment: d.environment.slice(0, 100),
        ref: d.ref.slice(0, 255),
        sha: d.sha,
        description: d.description?.slice(0, 300) || undefined,
        createdAt: new Date(d.created_at).toISOString(),
        url: `${target.url}/deployments/${encodeURIComponent(
          d.environment.slice(0, 100),
        )}`,
      }));
  }

  private async mergedPulls(
    octokit: Octokit,
    target: GithubRepositoryRef,
    window: { since: number; until: number },
  ): Promise<Omit<InvestigationChange, 'entityRef' | 'relation'>[]> {
    const { owner, repo } = target;
    const call = <T>(operation: string, request: () => Promise<{ data: T }>) =>
      githubCall(target, operation, request);
    const closed = await call('pulls.list', () =>
      octokit.rest.pulls.list({
        owner,
        repo,
        state: 'closed',
        sort: 'updated',
        direction: 'desc',
        per_page: 100,
      }),
    );
    const merged = closed
      .filter(pr => {
        const at = pr.merged_at ? Date.parse(pr.merged_at) : NaN;
        return at >= window.since && at <= window.until;
      })
      .slice(0, MAX_PULLS_PER_REPOSITORY);
    const changes = [];
    for (const pr of merged) {
      const commits = await call('pulls.listCommits', () =>
        octokit.rest.pulls.listCommits({
          owner,
          repo,
          pull_number: pr.number,
          per_page: MAX_COMMITS_PER_PULL,
        }),
      );
      const messages = [pr.title, ...commits.map(c => c.commit.message)];
      changes.push({
        repository: `${owner}/${repo}`,
        number: pr.number,
        title: pr.title.slice(0, 300),
        url: pr.html_url,
        mergedAt: new Date(pr.merged_at!).toISOString(),
        mergeCommitSha: pr.merge_commit_sha ?? undefined,
        scopes: [...new Set(messages.flatMap(commitScopes))].slice(0, 20),
        specTasks: specTaskIds(
          `${messages.join('\n')}\n${(pr.body ?? '').slice(0, 20_000)}`,
        ).slice(0, 20),
      });
    }
    return changes;
  }
}

/** One GitHub call, its failure classified (rate limit, not found, ...). */
async function githubCall<T>(
  target: GithubRepositoryRef,
  operation: string,
  request: () => Promise<{ data: T }>,
): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    throw classifyGithubError(error, {
      operation,
      repository: `${target.owner}/${target.repo}`,
    });
  }
}
