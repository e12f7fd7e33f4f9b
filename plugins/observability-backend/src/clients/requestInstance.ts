import {
  CustomErrorBase,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
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
): Promise<ReadableStream<Uint8Array>> {
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(
    () =>
      controller.abort(new DOMException('no response headers', 'TimeoutError')),
    instance.timeoutMs,
  );
  let response: Response;
  try {
    response = await unavailableOnFailure(instance, instance.timeoutMs, () =>
      openInstance(instance, path, request, controller.signal),
    );
  } finally {
    clearTimeout(timer);
  }
  if (!response.body) {
    throw new ServiceUnavailableError(
      `${describeInstance(instance)} answered without a body`,
    );
  }
  return response.body;
}

/** Sends the request; a refused request becomes InputError or ServiceUnavailableError. */
async function openInstance(
  instance: InstanceConfig,
  path: string,
  request: InstanceRequest,
  signal: AbortSignal,
): Promise<Response> {
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
  const response = await fetch(url, {
    method: request.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal,
  });
  if (response.ok) return response;

  const detail = errorDetail(
    (await readCapped(response, MAX_ERROR_BYTES, true)) ?? '',
  );
  if (response.status === 400 || response.status === 422) {
    throw new InputError(
      `${describeInstance(instance)} refused the request: ${detail}`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new ServiceUnavailableError(
      `${describeInstance(instance)} refused Catalyst's credentials (HTTP ${
        response.status
      }): ${detail}`,
    );
  }
  throw new ServiceUnavailableError(
    `${describeInstance(instance)} answered HTTP ${response.status}: ${detail}`,
  );
}

/**
 * The body as text, reading at most `limit` bytes: undefined when there are more (the rest
 * is never read), or the first `limit` bytes when `truncate` is set.
 */
async function readCapped(
  response: Response,
  limit: number,
  truncate = false,
): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length'));
  if (!truncate && declared > limit) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      await reader.cancel();
      if (!truncate) return undefined;
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
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
