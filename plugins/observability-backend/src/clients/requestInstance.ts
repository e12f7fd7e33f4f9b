import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { InstanceConfig } from '../config';

const KIND_NAMES = {
  prometheus: 'Prometheus',
  loki: 'Loki',
  alertmanager: 'Alertmanager',
} as const;

/** How one request to a Prometheus, Loki or Alertmanager instance is made. */
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
  return `${KIND_NAMES[instance.kind]} instance '${instance.name}' (${
    instance.baseUrl
  })`;
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
  const url = `${instance.baseUrl}${path}${
    request.query ? `?${request.query}` : ''
  }`;
  const headers: Record<string, string> = { ...instance.headers };
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = request.form.toString();
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
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

  if (!response.ok) {
    const detail = errorDetail(text);
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
      `${describeInstance(instance)} answered HTTP ${
        response.status
      }: ${detail}`,
    );
  }
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

/** Prometheus answers `{"error": "..."}`, Loki and Alertmanager plain text or a JSON string. */
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
