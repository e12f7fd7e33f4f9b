import { isError } from '@backstage/errors';
import type { PlatformTaskErrorClass } from '@catalyst/plugin-platform-common';
import {
  GithubAuthError,
  GithubRateLimitError,
} from '@catalyst/plugin-platform-node';

/*
 * The retry policy of platform tasks, in one place: how a failed attempt is
 * classified, whether it was the last one, and when the next one runs.
 * TaskWorker asks `decideRetry`; TaskStore asks `isLastAttempt` when it
 * records the failure.
 */

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

/** Base and cap of the exponential backoff between attempts. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/**
 * Exponential backoff with full jitter: a random delay between zero and
 * `base * 2^(attempt - 1)`, capped, so that retries of many tasks spread out.
 */
export function retryDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.capMs,
    policy.baseMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.floor(random() * ceiling);
}

/**
 * Whether a failed attempt ends the task: the error is not retryable, or the
 * task has used every attempt it was given (`maxRetries` counts attempts).
 */
export function isLastAttempt(failure: {
  errorClass: ClassifiedTaskError['errorClass'];
  attempt: number;
  maxRetries: number;
}): boolean {
  return (
    failure.errorClass === 'not_retryable' ||
    failure.attempt >= failure.maxRetries
  );
}

/** What happens after a failed attempt. */
export interface RetryDecision extends ClassifiedTaskError {
  /** No attempt follows. */
  final: boolean;
  /** When the next attempt may run (also recorded for a final failure). */
  retryAt: Date;
}

/**
 * Decides what follows a failed attempt: a rate limit waits until GitHub's
 * reset (or the backoff cap when GitHub did not say), anything else backs off
 * exponentially with jitter; the task ends when `isLastAttempt` says so.
 */
export function decideRetry(
  error: unknown,
  attempt: { attempt: number; maxRetries: number },
  options: { now: Date; backoff: BackoffPolicy; random?: () => number },
): RetryDecision {
  const { now, backoff, random } = options;
  const classified = classifyTaskError(error);
  const retryAt =
    classified.errorClass === 'rate_limited'
      ? classified.resetAt ?? new Date(now.getTime() + backoff.capMs)
      : new Date(now.getTime() + retryDelay(attempt.attempt, backoff, random));
  return {
    ...classified,
    retryAt,
    final: isLastAttempt({ errorClass: classified.errorClass, ...attempt }),
  };
}
