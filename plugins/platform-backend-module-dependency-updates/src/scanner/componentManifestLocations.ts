import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  parseGithubRepository,
  resolveSpecSource,
} from '@catalyst/plugin-platform-node';
import { posix } from 'node:path';

/** A GitHub repository and the folders of its components, each a manifest to read. */
export interface RepositoryManifests {
  /** `https://github.com/acme/web` */
  repositoryUrl: string;
  /** `acme/web` */
  repository: string;
  /** Folder (empty for the root) to the first component found there. */
  directories: Map<string, string>;
}

/** The folder a `.../tree/<ref>/<path>` or `.../blob/<ref>/<file>` URL points at. */
function sourceDirectory(url: string): string | undefined {
  const [, , kind, , ...rest] = new URL(url).pathname
    .split('/')
    .filter(Boolean);
  if (kind !== 'tree' && kind !== 'blob') return '';
  const path = kind === 'blob' ? posix.dirname(rest.join('/')) : rest.join('/');
  const normalized = posix
    .normalize(path === '.' ? '' : path)
    .replace(/\/$/, '');
  if (normalized.startsWith('..') || posix.isAbsolute(normalized)) {
    return undefined;
  }
  return normalized === '.' ? '' : normalized;
}

/**
 * Groups components whose source is on a GitHub integration by repository
 * and folder; components read from local folders or other hosts are left
 * out (no pull request could be opened). Unreadable source locations are
 * returned as problems.
 */
export function componentManifestLocations(
  entities: Entity[],
  integrations: ScmIntegrationRegistry,
): { repositories: RepositoryManifests[]; problems: string[] } {
  const repositories = new Map<string, RepositoryManifests>();
  const problems: string[] = [];
  for (const entity of entities) {
    let source;
    try {
      source = resolveSpecSource(entity);
    } catch (error) {
      problems.push(`${stringifyEntityRef(entity)}: ${error}`);
      continue;
    }
    if (source?.type !== 'url') continue;
    if (!integrations.github.byUrl(source.repoUrl)) continue;
    const repository = parseGithubRepository(source.repoUrl);
    const directory = sourceDirectory(source.repoUrl);
    if (directory === undefined) continue;
    const key = repository.url.toLowerCase();
    const entry = repositories.get(key) ?? {
      repositoryUrl: repository.url,
      repository: `${repository.owner}/${repository.repo}`,
      directories: new Map<string, string>(),
    };
    if (!entry.directories.has(directory)) {
      entry.directories.set(directory, stringifyEntityRef(entity));
    }
    repositories.set(key, entry);
  }
  return { repositories: [...repositories.values()], problems };
}
