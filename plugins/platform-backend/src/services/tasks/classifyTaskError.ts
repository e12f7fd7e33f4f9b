import { isError } from '@backstage/errors';
import type { PlatformTaskErrorClass } from '@catalyst/plugin-platform-common';
import {
  GithubAuthError,
  GithubRateLimitError,
} from '@catalyst/plugin-platform-node';

/** How a failed attempt is judged, and what it means for GitHub work as a whole. */
export interface ClassifiedTaskError {
  errorClass: Exclude<PlatformTaskErrorClass, 'nothing_to_do'>;
  message: string;
  /** A rate limit: when GitHub accepts calls again, if it said. */
  resetAt?: Date;
  /** Rate limits and refused credentials pause all GitHub work. */
  pausesGithub: boolean;
}

// Backstage's own errors for bad input: retrying cannot fix them.
const INPUT_ERRORS = new Set([
  'InputError',
  'NotFoundError',
  'NotAllowedError',
]);

function statusOf(error: Error): number | undefined {
  const { githubStatus, status, statusCode } = error as {
    githubStatus?: unknown;
    status?: unknown;
    statusCode?: unknown;
  };
  const value = githubStatus ?? status ?? statusCode;
  return typeof value === 'number' ? value : undefined;
}

/**
 * Classifies an error thrown by a task executor: 4xx answers (validation,
 * missing repository) are not retryable, a GitHub rate limit waits until it
 * resets, refused credentials and everything else are retried.
 */
export function classifyTaskError(error: unknown): ClassifiedTaskError {
  if (!isError(error)) {
    return {
      errorClass: 'retryable',
      message: String(error),
      pausesGithub: false,
    };
  }
  const message = error.message;
  if (GithubRateLimitError.is(error)) {
    return {
      errorClass: 'rate_limited',
      message,
      resetAt: error.resetAt ? new Date(error.resetAt) : undefined,
      pausesGithub: true,
    };
  }
  if (GithubAuthError.is(error)) {
    return { errorClass: 'retryable', message, pausesGithub: true };
  }
  const status = statusOf(error);
  const clientError =
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429;
  if (clientError || INPUT_ERRORS.has(error.name)) {
    return { errorClass: 'not_retryable', message, pausesGithub: false };
  }
  return { errorClass: 'retryable', message, pausesGithub: false };
}
