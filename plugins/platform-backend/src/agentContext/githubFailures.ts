import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  GithubApiError,
  GithubAuthError,
  GithubNotFoundError,
  GithubRateLimitError,
  GithubValidationError,
} from '@catalyst/plugin-platform-node';

/**
 * Says a GitHub failure in the terms of the caller's request: a rate limit
 * is 503 (try again after the reset time in the message), refused
 * credentials are Catalyst's, not the user's (403, never 401), a rejected
 * change is a conflict (409), a missing repository 404. Other errors pass.
 */
export function asRequestError(error: unknown): unknown {
  if (!GithubApiError.is(error)) return error;
  if (GithubRateLimitError.is(error))
    return new ServiceUnavailableError(error.message);
  if (GithubAuthError.is(error)) {
    return new NotAllowedError(
      `Catalyst's GitHub credentials were refused: ${error.message}`,
    );
  }
  if (GithubValidationError.is(error)) return new ConflictError(error.message);
  if (GithubNotFoundError.is(error)) return new NotFoundError(error.message);
  return new ServiceUnavailableError(error.message);
}
