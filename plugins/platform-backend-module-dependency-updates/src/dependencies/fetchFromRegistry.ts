/** Why a request to a package registry or module proxy failed. */
export type RegistryFailure =
  | 'not_found'
  | 'timeout'
  | 'unavailable'
  | 'invalid_response';

/**
 * GETs `url` from a package registry or module proxy with a timeout, and
 * turns what can go wrong into `fail(reason, message)`: a timeout, a refused
 * connection, one of `notFoundStatuses`, any other non-2xx answer.
 */
export async function fetchFromRegistry(options: {
  url: string;
  /** Names the server in messages: `The registry`, `The Go proxy`. */
  server: string;
  /** What was asked for: `left-pad`. */
  subject: string;
  /** Says that the server does not have it: `has no package left-pad`. */
  notFound: string;
  notFoundStatuses: number[];
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  fail(reason: RegistryFailure, message: string, cause?: unknown): Error;
}): Promise<Response> {
  const { server, subject, timeoutMs, fail } = options;
  let response: Response;
  try {
    response = await fetch(options.url, {
      headers: options.headers,
      signal: AbortSignal.any([
        AbortSignal.timeout(timeoutMs),
        ...(options.signal ? [options.signal] : []),
      ]),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw fail(
        'timeout',
        `${server} took over ${timeoutMs} ms for ${subject}`,
        error,
      );
    }
    throw fail(
      'unavailable',
      `${server} could not be reached for ${subject}`,
      error,
    );
  }
  if (options.notFoundStatuses.includes(response.status)) {
    throw fail('not_found', `${server} ${options.notFound}`);
  }
  if (!response.ok) {
    throw fail(
      'unavailable',
      `${server} answered ${response.status} for ${subject}`,
    );
  }
  return response;
}
