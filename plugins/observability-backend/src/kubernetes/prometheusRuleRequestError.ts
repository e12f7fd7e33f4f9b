import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';
import { ClusterDescription, statusMessage } from './kubernetesRequestError';

/**
 * Turns a failed apply or delete of a PrometheusRule into an error naming the cluster, the
 * object and the fix. The rule stays stored: applying it again (any change) retries.
 */
export function prometheusRuleRequestError(
  error: unknown,
  cluster: ClusterDescription,
  object: { namespace: string; name: string },
): Error {
  const where = `Kubernetes cluster '${cluster.name}' (${cluster.server})`;
  const what = `PrometheusRule ${object.namespace}/${object.name}`;
  if (error instanceof ApiException) {
    const detail = statusMessage(error.body);
    const suffix = detail ? `: ${detail}` : '';
    if (error.code === 401 || error.code === 403) {
      return new NotAllowedError(
        `The rule is stored, but ${where} refused to write ${what} (${error.code})${suffix}. Grant the backend's identity get, patch and delete on prometheusrules.monitoring.coreos.com in that namespace`,
      );
    }
    if (error.code === 404) {
      return new ServiceUnavailableError(
        `The rule is stored, but ${where} cannot write ${what}${suffix}: is prometheus-operator's PrometheusRule CRD installed and does the namespace exist?`,
      );
    }
    return new ServiceUnavailableError(
      `The rule is stored, but ${where} answered ${error.code} to ${what}${suffix}`,
    );
  }
  return new ServiceUnavailableError(
    `The rule is stored, but ${what} was not written: ${where} is unreachable: ${
      (error as Error)?.message ?? error
    }`,
  );
}
