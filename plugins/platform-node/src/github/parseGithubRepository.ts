import { InputError } from '@backstage/errors';

/**
 * A GitHub repository, and the branch or tag a URL named when it named one.
 *
 * @public
 */
export interface GithubRepositoryRef {
  /** `github.com`, or a GitHub Enterprise host (with its port, if any). */
  host: string;
  owner: string;
  repo: string;
  /** `https://github.com/acme/payments` */
  url: string;
  /** From `/tree/<ref>/` or `/blob/<ref>/` in a URL. */
  ref?: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Reads a repository from what catalogs and templates hold: a slug
 * (`acme/payments`, resolved against `defaultHost`), a URL
 * (`https://github.com/acme/payments/tree/main/services/api`), a location
 * ref (`url:https://...`) or a host path (`github.com/acme/payments`).
 *
 * @public
 */
export function parseGithubRepository(
  repository: string,
  options?: { defaultHost?: string },
): GithubRepositoryRef {
  const input = repository.trim().replace(/^url:/, '');
  let protocol = 'https:';
  let host = options?.defaultHost ?? 'github.com';
  let segments: string[];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new InputError(`'${repository}' is not a repository URL`);
    }
    protocol = url.protocol;
    host = url.host;
    segments = url.pathname.split('/').filter(Boolean);
  } else {
    segments = input.split('/').filter(Boolean);
    if (segments.length > 2 && /[.:]/.test(segments[0])) {
      host = segments.shift()!;
    }
  }
  const [owner, rawRepo, kind, ref] = segments;
  const repo = rawRepo?.replace(/\.git$/, '');
  if (!owner || !repo || !NAME.test(owner) || !NAME.test(repo)) {
    throw new InputError(
      `'${repository}' does not name a GitHub repository; use owner/repo or a repository URL`,
    );
  }
  return {
    host,
    owner,
    repo,
    url: `${protocol}//${host}/${owner}/${repo}`,
    ref: (kind === 'tree' || kind === 'blob') && ref ? ref : undefined,
  };
}
