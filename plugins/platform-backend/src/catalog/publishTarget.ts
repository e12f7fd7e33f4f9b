import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  parseGithubRepository,
  resolveSpecSource,
} from '@catalyst/plugin-platform-node';

const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';

/** Where a component's pull requests go. */
export interface PublishTarget {
  repository: string;
  baseBranch?: string;
}

/**
 * The GitHub repository of a component: `github.com/project-slug`, else a
 * source location on a GitHub integration. The base branch is the one the
 * source location names, else the repository's default branch.
 */
export function publishTargetOf(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): PublishTarget {
  const slug = entity.metadata.annotations?.[GITHUB_SLUG_ANNOTATION];
  const source = resolveSpecSource(entity);
  const sourceUrl =
    source?.type === 'url' && integrations.github.byUrl(source.repoUrl)
      ? parseGithubRepository(source.repoUrl)
      : undefined;
  if (slug) {
    const repository = parseGithubRepository(slug, {
      defaultHost: sourceUrl?.host,
    });
    const sameRepository =
      sourceUrl &&
      `${sourceUrl.owner}/${sourceUrl.repo}`.toLowerCase() ===
        `${repository.owner}/${repository.repo}`.toLowerCase();
    return {
      repository: repository.url,
      baseBranch: sameRepository ? sourceUrl.ref : undefined,
    };
  }
  if (sourceUrl) {
    return { repository: sourceUrl.url, baseBranch: sourceUrl.ref };
  }
  throw new InputError(
    `${stringifyEntityRef(
      entity,
    )} has no GitHub repository to open a pull request on; set the ${GITHUB_SLUG_ANNOTATION} annotation or a GitHub source location`,
  );
}
