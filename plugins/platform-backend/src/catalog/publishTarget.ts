import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
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
 * The GitHub repository a component's pull requests go to: the repository
 * its files are read from, so a change made from one repository's analysis
 * can only land in that repository.
 *
 * - A GitHub source location: that repository and the branch it names.
 *   `github.com/project-slug` may name the same repository (it is then
 *   redundant); naming another one is refused (NotAllowedError), because
 *   the annotation is the entity author's word, not where the files came from.
 * - A folder on the backend's disk (a `file:` location, which only an admin
 *   can place there): `github.com/project-slug` says which GitHub repository
 *   the folder is a checkout of.
 */
export function publishTargetOf(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): PublishTarget {
  const slug = entity.metadata.annotations?.[GITHUB_SLUG_ANNOTATION];
  const source = resolveSpecSource(entity);
  const entityRef = stringifyEntityRef(entity);
  if (source?.type === 'url') {
    if (!integrations.github.byUrl(source.repoUrl)) {
      throw new InputError(
        `${entityRef} is read from ${source.repoUrl}, which is not on a GitHub integration; Catalyst opens pull requests only on the repository a component is read from`,
      );
    }
    const sourceUrl = parseGithubRepository(source.repoUrl);
    if (slug) {
      const named = parseGithubRepository(slug, {
        defaultHost: sourceUrl.host,
      });
      if (
        `${named.host}/${named.owner}/${named.repo}`.toLowerCase() !==
        `${sourceUrl.host}/${sourceUrl.owner}/${sourceUrl.repo}`.toLowerCase()
      ) {
        throw new NotAllowedError(
          `${entityRef} is read from ${sourceUrl.owner}/${sourceUrl.repo} but its ${GITHUB_SLUG_ANNOTATION} names ${named.owner}/${named.repo}; Catalyst opens pull requests only on the repository a component is read from`,
        );
      }
    }
    return { repository: sourceUrl.url, baseBranch: sourceUrl.ref };
  }
  if (source?.type === 'file' && slug) {
    return { repository: parseGithubRepository(slug).url };
  }
  throw new InputError(
    `${entityRef} has no GitHub repository to open a pull request on; give it a GitHub source location`,
  );
}
