import {
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

/** The cluster a request went to, as error messages name it. */
export type ClusterDescription = { name: string; server: string };

const RESOURCE = 'observabilitystacks.platform.catalyst.dev';

/**
 * Turns a failed list of ObservabilityStacks into an error that says which cluster failed
 * and what to do: unreachable or slow clusters and 5xx give 503, refused credentials or
 * missing RBAC 403, a cluster without the CRD 404.
 */
export function kubernetesRequestError(
  error: unknown,
  cluster: ClusterDescription,
  options: { timeoutMs: number; namespace?: string },
): Error {
  const where = `Kubernetes cluster '${cluster.name}' (${cluster.server})`;
  if (error instanceof ApiException) {
    const detail = statusMessage(error.body);
    const suffix = detail ? `: ${detail}` : '';
    switch (error.code) {
      case 401:
        return new NotAllowedError(
          `${where} refused the backend's credentials (401 Unauthorized)${suffix}`,
        );
      case 403:
        return new NotAllowedError(
          `The backend's Kubernetes identity may not list ${RESOURCE}${
            options.namespace ? ` in namespace '${options.namespace}'` : ''
          } on ${where}${suffix}. Bind it to the ClusterRole catalyst-operator-observabilitystack-viewer-role, or list only permitted namespaces in observability.kubernetes.namespaces`,
        );
      case 404:
        return new NotFoundError(
          `${where} does not serve ${RESOURCE}/v1alpha1: is the Catalyst operator's CRD installed?`,
        );
      default:
        return new ServiceUnavailableError(
          `${where} answered ${error.code}${suffix}`,
        );
    }
  }
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ServiceUnavailableError(
      `${where} did not answer within ${options.timeoutMs}ms`,
    );
  }
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return new ServiceUnavailableError(
    `${where} is unreachable: ${
      cause?.code ?? cause?.message ?? (error as Error)?.message ?? error
    }`,
  );
}

/** The `message` of a Kubernetes Status body, which the client leaves as text or JSON. */
export function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim() || undefined;
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
