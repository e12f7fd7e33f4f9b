/** The annotations that give an entity an observability scope, as the backend names them. */
export const SCOPE_ANNOTATIONS = [
  'backstage.io/kubernetes-namespace',
  'backstage.io/kubernetes-label-selector',
  'catalyst.dev/observability-labels',
];

/** The kinds of observability instance the backend is configured with. */
export type ObservabilityInstanceKind = 'prometheus' | 'logs' | 'alertmanager';

/** What the user should read about a failed observability request. */
export type ObservabilityErrorDescription =
  | { kind: 'no-scope'; message: string }
  | {
      kind: 'not-configured';
      message: string;
      missing: ObservabilityInstanceKind;
    }
  | { kind: 'bad-request'; message: string }
  | { kind: 'unreachable'; message: string; instance?: string }
  | { kind: 'other'; message: string; status?: number };

/**
 * Sorts a backend error into the cases the UI explains: an entity without scope (400
 * naming the annotations), a refused query (other 400s), a kind of instance the backend has
 * none of, and an unreachable instance (503).
 */
export function describeObservabilityError(
  error: Error,
): ObservabilityErrorDescription {
  const status = (error as { statusCode?: number }).statusCode;
  const body = (error as { body?: { error?: { message?: string } } }).body;
  const message = body?.error?.message ?? error.message;
  if (status === 400) {
    return /no observability scope|annotation/i.test(message)
      ? { kind: 'no-scope', message }
      : { kind: 'bad-request', message };
  }
  if (status === 503) {
    const missing =
      /No (prometheus|logs|alertmanager) instance is configured/.exec(message);
    if (missing) {
      return {
        kind: 'not-configured',
        message,
        missing: missing[1] as ObservabilityInstanceKind,
      };
    }
    const instance = /instance '([^']+)'(?: \(([^)]+)\))?/.exec(message);
    return {
      kind: 'unreachable',
      message,
      instance: instance
        ? `${instance[1]}${instance[2] ? ` (${instance[2]})` : ''}`
        : undefined,
    };
  }
  return { kind: 'other', message, status };
}
