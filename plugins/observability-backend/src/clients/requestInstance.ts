import {
  CustomErrorBase,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { Agent, Dispatcher, request as undiciRequest } from 'undici';
import { InstanceConfig } from '../config';

/** Bytes of one answer that are read unless the instance says otherwise: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Bytes of an error answer that are read for its message. */
const MAX_ERROR_BYTES = 64 * 1024;

/**
 * An instance answered more than `observability.limits.maxResponseBytes`: a 502, since the
 * upstream's answer is what cannot be taken, and the rest of it is never read.
 */
export class ResponseTooLargeError extends CustomErrorBase {
  name = 'ResponseTooLargeError' as const;
  readonly statusCode = 502;
}

const KIND_NAMES = {
  prometheus: 'Prometheus',
  logs: 'Log store',
  alertmanager: 'Alertmanager',
} as const;
const LOG_STORE_NAMES = { victorialogs: 'VictoriaLogs', loki: 'Loki' } as const;

/**
 * Kept-alive connections to every instance, shared by all routes. undici's `request`
 * rather than `fetch`: no WHATWG Request / Response / stream objects per request, which
 * were a fifth of the logs route's CPU in bench/log-query.
 */
const dispatcher = new Agent({
  connections: 128,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 600_000,
});

/** How one request to a Prometheus, log store or Alertmanager instance is made. */
export interface InstanceRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: URLSearchParams;
  /** Sent as application/x-www-form-urlencoded. */
  form?: URLSearchParams;
  /** Sent as application/json. */
  json?: unknown;
  /** Parse the answer as JSON (default) or return its text. */
  accept?: 'json' | 'text';
  /** A shorter timeout than the instance's, for health checks. */
  timeoutMs?: number;
}

/** Names an instance the way every error message does: kind, name and address. */
export function describeInstance(instance: InstanceConfig): string {
  const kind = instance.type
    ? LOG_STORE_NAMES[instance.type]
    : KIND_NAMES[instance.kind];
  return `${kind} instance '${instance.name}' (${instance.baseUrl})`;
}

/**
 * Sends one request to an instance with its headers and a bounded timeout. A server that
 * is down, slow or answers 5xx gives a ServiceUnavailableError naming the instance; a 400
 * or 422 (the server refused the query) an InputError with the server's own message.
 */
export async function requestInstance<T = unknown>(
  instance: InstanceConfig,
  path: string,
  request: InstanceRequest = {},
): Promise<T> {
  const timeoutMs = Math.min(
    request.timeoutMs ?? instance.timeoutMs,
    instance.timeoutMs,
  );
  const signal = AbortSignal.timeout(timeoutMs);
  const text = await unavailableOnFailure(instance, timeoutMs, async () => {
    const response = await openInstance(instance, path, request, signal);
    const limit = instance.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const body = await readCapped(response, limit);
    if (body === undefined) {
      throw new ResponseTooLargeError(
        `${describeInstance(
          instance,
        )} answered more than ${limit} bytes (observability.limits.maxResponseBytes): narrow the query or its time range`,
      );
    }
    return body;
  });
  if (request.accept === 'text') {
    return text as T;
  }
  if (text === '') {
    return undefined as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ServiceUnavailableError(
      `${describeInstance(
        instance,
      )} answered with something that is not JSON: ${text.slice(0, 200)}`,
    );
  }
}

/**
 * Opens a streamed answer, such as a live tail: the instance's timeout bounds the wait for
 * the response headers, `signal` the rest. Errors as in {@link requestInstance}.
 */
export async function streamInstance(
  instance: InstanceConfig,
  path: string,
  request: Omit<InstanceRequest, 'accept' | 'timeoutMs'>,
  signal: AbortSignal,
): Promise<AsyncIterable<Uint8Array>> {
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(
    () =>
      controller.abort(new DOMException('no response headers', 'TimeoutError')),
    instance.timeoutMs,
  );
  let response: Dispatcher.ResponseData;
  try {
    response = await unavailableOnFailure(instance, instance.timeoutMs, () =>
      openInstance(instance, path, request, controller.signal),
    );
  } finally {
    clearTimeout(timer);
  }
  return response.body;
}

/** Sends the request; a refused request becomes InputError or ServiceUnavailableError. */
async function openInstance(
  instance: InstanceConfig,
  path: string,
  request: InstanceRequest,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const url = `${instance.baseUrl}${path}${
    request.query ? `?${request.query}` : ''
  }`;
  // Uncompressed: gzip costs the store's CPU to write and ours to read, for answers that
  // travel a few hops inside the cluster (a sixth of the query route's CPU in the bench).
  const headers: Record<string, string> = {
    'accept-encoding': 'identity',
    ...instance.headers,
  };
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = request.form.toString();
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  const response = await undiciRequest(url, {
    method: request.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal,
    dispatcher,
  });
  const status = response.statusCode;
  if (status >= 200 && status < 300) return response;

  const detail = errorDetail(
    (await readCapped(response, MAX_ERROR_BYTES, true)) ?? '',
  );
  if (status === 400 || status === 422) {
    throw new InputError(
      `${describeInstance(instance)} refused the request: ${detail}`,
    );
  }
  if (status === 401 || status === 403) {
    throw new ServiceUnavailableError(
      `${describeInstance(
        instance,
      )} refused Catalyst's credentials (HTTP ${status}): ${detail}`,
    );
  }
  throw new ServiceUnavailableError(
    `${describeInstance(instance)} answered HTTP ${status}: ${detail}`,
  );
}

/**
 * The body as text, reading at most `limit` bytes: undefined when there are more (the rest
 * is never read), or the first `limit` bytes when `truncate` is set.
 */
async function readCapped(
  response: Dispatcher.ResponseData,
  limit: number,
  truncate = false,
): Promise<string | undefined> {
  const declared = Number(response.headers['content-length']);
  if (!truncate && declared > limit) {
    // Drops the connection without reading the body.
    await response.body.dump({ limit: 1 });
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the body: the rest is never read.
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (size + chunk.byteLength > limit) {
      if (!truncate) return undefined;
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
      break;
    }
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Turns a timeout or a connection failure into a ServiceUnavailableError naming the instance. */
async function unavailableOnFailure<T>(
  instance: InstanceConfig,
  timeoutMs: number,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof ServiceUnavailableError ||
      error instanceof ResponseTooLargeError
    )
      throw error;
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ServiceUnavailableError(
        `${describeInstance(instance)} did not answer within ${timeoutMs}ms`,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } })
      ?.cause;
    throw new ServiceUnavailableError(
      `${describeInstance(instance)} is unreachable: ${
        cause?.code ??
        (error as { code?: string })?.code ??
        cause?.message ??
        (error as Error)?.message ??
        String(error)
      }`,
    );
  }
}

/** Prometheus answers `{"error": "..."}`; VictoriaLogs, Loki and Alertmanager plain text or a JSON string. */
function errorDetail(text: string): string {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed.error === 'string') return parsed.error;
    if (parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text itself is the message.
  }
  return text.trim().slice(0, 500) || '(empty body)';
}
