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
import type { InvestigationChange } from '@catalyst/plugin-observability-common';
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
 * the conventional-commit scopes of its title and commits and the spec tasks they name.
 * A repository that cannot be read becomes a warning.
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
  ): Promise<{ changes: InvestigationChange[]; warnings: string[] }> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const warnings: string[] = [];
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      return {
        changes: [],
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
      try {
        changes.push(
          ...(await this.mergedPulls(repository, window)).map(change => ({
            ...change,
            entityRef: ref,
            relation: target.relation,
          })),
        );
      } catch (error) {
        warnings.push(
          `Merged pull requests of ${repository.owner}/${repository.repo}: ${
            (error as Error).message
          }`,
        );
      }
    }
    changes.sort((a, b) => b.mergedAt.localeCompare(a.mergedAt));
    return { changes, warnings };
  }

  private async mergedPulls(
    target: GithubRepositoryRef,
    window: { since: number; until: number },
  ): Promise<Omit<InvestigationChange, 'entityRef' | 'relation'>[]> {
    const integration = this.deps.integrations.github.byUrl(target.url)!;
    const { token } = await this.deps.credentialsProvider.getCredentials({
      url: target.url,
    });
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      userAgent: 'catalyst-platform',
    });
    const { owner, repo } = target;
    const call = async <T>(
      operation: string,
      request: () => Promise<{ data: T }>,
    ): Promise<T> => {
      try {
        return (await request()).data;
      } catch (error) {
        throw classifyGithubError(error, {
          operation,
          repository: `${owner}/${repo}`,
        });
      }
    };
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
