import { KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubernetesClusterConfig } from '../config';

/**
 * Loads the kubeconfig `observability.kubernetes` names. Without that key the default one is
 * used only when it exists: KubeConfig.loadFromDefault() would otherwise invent a cluster at
 * localhost:8080. Returns undefined when there is no cluster to talk to.
 */
export function loadKubeConfig(
  config: KubernetesClusterConfig | undefined,
  env: NodeJS.ProcessEnv = process.env,
): KubeConfig | undefined {
  const kubeConfig = new KubeConfig();
  if (config?.inCluster) {
    if (!env.KUBERNETES_SERVICE_HOST) {
      throw new Error(
        'observability.kubernetes.inCluster is set but KUBERNETES_SERVICE_HOST is not: the backend does not run in a pod',
      );
    }
    kubeConfig.loadFromCluster();
  } else if (config?.kubeconfigPath) {
    if (!existsSync(config.kubeconfigPath)) {
      throw new Error(
        `observability.kubernetes.kubeconfigPath: there is no file ${config.kubeconfigPath}`,
      );
    }
    kubeConfig.loadFromFile(config.kubeconfigPath);
  } else if (
    env.KUBECONFIG ||
    existsSync(join(env.HOME ?? homedir(), '.kube', 'config')) ||
    env.KUBERNETES_SERVICE_HOST
  ) {
    kubeConfig.loadFromDefault();
  } else if (config) {
    throw new Error(
      'observability.kubernetes is set but there is no kubeconfig (KUBECONFIG, ~/.kube/config) and no in-cluster service account; set kubeconfigPath or inCluster',
    );
  } else {
    return undefined;
  }

  if (config?.context) {
    if (!kubeConfig.getContextObject(config.context)) {
      throw new Error(
        `observability.kubernetes.context: the kubeconfig has no context '${
          config.context
        }' (it has ${
          kubeConfig
            .getContexts()
            .map(c => `'${c.name}'`)
            .join(', ') || 'none'
        })`,
      );
    }
    kubeConfig.setCurrentContext(config.context);
  }
  if (!kubeConfig.getCurrentCluster()) {
    if (config) {
      throw new Error(
        `observability.kubernetes: the kubeconfig's current context '${kubeConfig.getCurrentContext()}' names no cluster`,
      );
    }
    return undefined;
  }
  return kubeConfig;
}
