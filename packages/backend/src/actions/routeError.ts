import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  NotModifiedError,
  ResponseError,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

const STATUS_BY_NAME: Record<string, number> = {
  [NotModifiedError.name]: 304,
  [InputError.name]: 400,
  [AuthenticationError.name]: 401,
  [NotAllowedError.name]: 403,
  [NotFoundError.name]: 404,
  [ConflictError.name]: 409,
  [NotImplementedError.name]: 501,
  [ServiceUnavailableError.name]: 503,
};

/** The status Backstage's error middleware answers for an error. */
function statusCodeOf(error: Error): number {
  for (const field of ['statusCode', 'status'] as const) {
    const value = (error as Partial<Record<typeof field, unknown>>)[field];
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 100 &&
      value <= 599
    ) {
      return value;
    }
  }
  return STATUS_BY_NAME[error.name] ?? 500;
}

/**
 * What Backstage's error middleware sends instead of an error that is not an
 * Error or comes from the database: a reference to the log line.
 */
function filtered(error: Error, logger: LoggerService): Error {
  const logId = randomBytes(10).toString('hex');
  logger
    .child({ logId })
    .error(`Filtered internal error with logId=${logId} from response`, error);
  const replacement = new Error(`An internal error occurred logId=${logId}`);
  delete replacement.stack;
  return replacement;
}

/**
 * The error a caller of the registry's invoke route gets for an error thrown
 * behind it: what Backstage's error middleware makes of it (status from the
 * error's type or status field, body with the serialised error; database
 * errors and non-errors replaced by a log reference; stack only in
 * development), read back by `ResponseError.fromResponse` as
 * `DefaultActionsService` reads it. In-process invocation throws this so a
 * caller cannot tell it from the HTTP hop: `ResponseError` with the status
 * and the typed error (`InputError`, `NotFoundError`, ...) as its cause.
 */
export async function toRouteError(
  thrown: unknown,
  opts: { url: string; logger: LoggerService },
): Promise<ResponseError> {
  const error =
    !isError(thrown) || thrown.constructor.name === 'DatabaseError'
      ? filtered(
          isError(thrown) ? thrown : new Error(String(thrown)),
          opts.logger,
        )
      : thrown;
  let statusCode = statusCodeOf(error);
  if (statusCode < 200) {
    // A Response cannot carry an informational status; none of the
    // registry's errors has one.
    statusCode = 500;
  }
  if (statusCode >= 500) {
    opts.logger.error(`Request failed with status ${statusCode}`, error);
  }
  const body = {
    error: serializeError(error, {
      includeStack: process.env.NODE_ENV === 'development',
    }),
    request: { method: 'POST', url: opts.url },
    response: { statusCode },
  };
  const response = new Response(
    [204, 205, 304].includes(statusCode) ? null : JSON.stringify(body),
    {
      status: statusCode,
      statusText: STATUS_CODES[statusCode] ?? '',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    },
  );
  return ResponseError.fromResponse(response);
}
