import { CustomErrorBase, isError } from '@backstage/errors';

/**
 * Where a failed GitHub call was made: the operation (`git.createRef`) and
 * the repository (`acme/payments`).
 *
 * @public
 */
export interface GithubCallContext {
  operation: string;
  repository?: string;
}

/**
 * A GitHub API call that failed. The subclasses say why; `githubStatus` is
 * GitHub's HTTP status (not named `status`, so that Backstage's error
 * middleware does not pass it on as the status of the caller's request).
 *
 * @public
 */
export class GithubApiError extends CustomErrorBase {
  /** Whether the value is any of the GitHub errors, across package copies. */
  static is(value: unknown): value is GithubApiError {
    return (
      isError(value) &&
      typeof (value as Partial<GithubApiError>).operation === 'string' &&
      /^Github\w*Error$/.test(value.name)
    );
  }

  readonly operation: string;
  readonly repository?: string;
  readonly githubStatus?: number;
  /** GitHub's own message (`Bad credentials`, `Reference already exists`). */
  readonly githubMessage?: string;
  readonly documentationUrl?: string;

  constructor(
    message: string,
    details: GithubCallContext & {
      githubStatus?: number;
      githubMessage?: string;
      documentationUrl?: string;
    },
  ) {
    super(message);
    this.operation = details.operation;
    this.repository = details.repository;
    this.githubStatus = details.githubStatus;
    this.githubMessage = details.githubMessage;
    this.documentationUrl = details.documentationUrl;
  }
}

/**
 * GitHub's primary or secondary rate limit was hit. Retry after `resetAt`.
 *
 * @public
 */
export class GithubRateLimitError extends GithubApiError {
  static is(value: unknown): value is GithubRateLimitError {
    return GithubApiError.is(value) && value.name === 'GithubRateLimitError';
  }

  name = 'GithubRateLimitError' as const;
  /** When the limit resets, from `x-ratelimit-reset` or `retry-after`. */
  readonly resetAt?: Date;

  constructor(
    message: string,
    details: ConstructorParameters<typeof GithubApiError>[1] & {
      resetAt?: Date;
    },
  ) {
    super(message, details);
    this.resetAt = details.resetAt;
  }
}

/**
 * GitHub refused the credentials (401) or they may not do this (403).
 *
 * @public
 */
export class GithubAuthError extends GithubApiError {
  static is(value: unknown): value is GithubAuthError {
    return GithubApiError.is(value) && value.name === 'GithubAuthError';
  }

  name = 'GithubAuthError' as const;
  readonly reason: 'unauthorized' | 'forbidden';

  constructor(
    message: string,
    details: ConstructorParameters<typeof GithubApiError>[1] & {
      reason: 'unauthorized' | 'forbidden';
    },
  ) {
    super(message, details);
    this.reason = details.reason;
  }
}

/**
 * One entry of the `errors` list of a GitHub 422 response.
 *
 * @public
 */
export interface GithubValidationIssue {
  resource?: string;
  field?: string;
  code?: string;
  message?: string;
}

/**
 * GitHub rejected the request as invalid (422): a branch that cannot be
 * created, a pull request between identical branches, a protected branch.
 *
 * @public
 */
export class GithubValidationError extends GithubApiError {
  static is(value: unknown): value is GithubValidationError {
    return GithubApiError.is(value) && value.name === 'GithubValidationError';
  }

  name = 'GithubValidationError' as const;
  readonly issues: GithubValidationIssue[];

  constructor(
    message: string,
    details: ConstructorParameters<typeof GithubApiError>[1] & {
      issues: GithubValidationIssue[];
    },
  ) {
    super(message, details);
    this.issues = details.issues;
  }
}

/**
 * The repository, branch or object does not exist, or the credentials may
 * not see it (GitHub answers 404 for both).
 *
 * @public
 */
export class GithubNotFoundError extends GithubApiError {
  static is(value: unknown): value is GithubNotFoundError {
    return GithubApiError.is(value) && value.name === 'GithubNotFoundError';
  }

  name = 'GithubNotFoundError' as const;
}

type HttpErrorLike = {
  status: number;
  message: string;
  response?: { headers?: Record<string, unknown>; data?: unknown };
};

function isHttpError(error: unknown): error is HttpErrorLike {
  return (
    isError(error) &&
    typeof (error as Partial<HttpErrorLike>).status === 'number'
  );
}

function header(error: HttpErrorLike, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

function validationIssues(data: unknown): GithubValidationIssue[] {
  const errors = (data as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map(entry =>
    typeof entry === 'string'
      ? { message: entry }
      : {
          resource: entry?.resource,
          field: entry?.field,
          code: entry?.code,
          message: entry?.message,
        },
  );
}

function resetTime(error: HttpErrorLike, now: Date): Date | undefined {
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const retryAfter = Number(header(error, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0)
    return new Date(now.getTime() + retryAfter * 1000);
  return undefined;
}

/**
 * Turns an error thrown by Octokit into one of the typed GitHub errors, so
 * callers can tell a rate limit (and when it resets) from bad credentials, a
 * rejected request or a missing repository. Errors that are not HTTP
 * responses (a refused connection) become a plain {@link GithubApiError}.
 *
 * @public
 */
export function classifyGithubError(
  error: unknown,
  context: GithubCallContext,
  now: Date = new Date(),
): GithubApiError {
  if (GithubApiError.is(error)) return error;
  const where = `${context.operation}${
    context.repository ? ` on ${context.repository}` : ''
  }`;
  if (!isHttpError(error)) {
    return new GithubApiError(
      `GitHub ${where} failed: ${isError(error) ? error.message : error}`,
      context,
    );
  }
  const data = error.response?.data as
    | { message?: string; documentation_url?: string }
    | undefined;
  const githubMessage = data?.message ?? error.message;
  const details = {
    ...context,
    githubStatus: error.status,
    githubMessage,
    documentationUrl: data?.documentation_url,
  };
  const remaining = header(error, 'x-ratelimit-remaining');
  const rateLimited =
    error.status === 429 ||
    (error.status === 403 &&
      (remaining === '0' ||
        header(error, 'retry-after') !== undefined ||
        /rate limit/i.test(githubMessage)));
  if (rateLimited) {
    const resetAt = resetTime(error, now);
    return new GithubRateLimitError(
      `GitHub rate limit reached during ${where}${
        resetAt ? `; it resets at ${resetAt.toISOString()}` : ''
      } (${githubMessage})`,
      { ...details, resetAt },
    );
  }
  if (error.status === 401 || error.status === 403) {
    return new GithubAuthError(
      `GitHub ${
        error.status === 401
          ? 'refused the credentials'
          : 'does not allow these credentials'
      } for ${where}: ${githubMessage}`,
      {
        ...details,
        reason: error.status === 401 ? 'unauthorized' : 'forbidden',
      },
    );
  }
  if (error.status === 404) {
    return new GithubNotFoundError(
      `GitHub found nothing for ${where} (or the credentials may not see it): ${githubMessage}`,
      details,
    );
  }
  if (error.status === 422) {
    const issues = validationIssues(error.response?.data);
    const said = issues
      .map(
        issue =>
          issue.message ??
          [issue.resource, issue.field, issue.code].filter(Boolean).join(' '),
      )
      .filter(Boolean);
    return new GithubValidationError(
      `GitHub rejected ${where}: ${githubMessage}${
        said.length ? ` (${said.join('; ')})` : ''
      }`,
      { ...details, issues },
    );
  }
  return new GithubApiError(
    `GitHub ${where} failed with ${error.status}: ${githubMessage}`,
    details,
  );
}
