import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CustomObjectsApi,
  KubeConfig,
  Observable,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { ObservabilityStackSummary } from '@catalyst/plugin-observability-common';
import { KubernetesClusterConfig } from '../config';
import {
  ClusterDescription,
  kubernetesRequestError,
} from './kubernetesRequestError';
import { loadKubeConfig } from './loadKubeConfig';
import {
  ObservabilityStackObject,
  summarizeObservabilityStack,
} from './summarizeObservabilityStack';

const GROUP = 'platform.catalyst.dev';
const VERSION = 'v1alpha1';
const PLURAL = 'observabilitystacks';
const PAGE_SIZE = 500;
const DEFAULT_TIMEOUT_MS = 10_000;

type StackList = {
  items?: ObservabilityStackObject[];
  metadata?: { continue?: string };
};

/** Lists the ObservabilityStack objects of one cluster as portal summaries. */
export class ObservabilityStackReader {
  private readonly api: CustomObjectsApi;
  readonly cluster: ClusterDescription;

  /**
   * Undefined when no cluster is configured and there is no usable default kubeconfig. A
   * broken default kubeconfig only switches the feature off; a broken configured one throws.
   */
  static fromConfig(
    config: KubernetesClusterConfig | undefined,
    logger: LoggerService,
  ): ObservabilityStackReader | undefined {
    let kubeConfig: KubeConfig | undefined;
    try {
      kubeConfig = loadKubeConfig(config);
    } catch (error) {
      if (config) throw error;
      logger.warn(
        `The default kubeconfig cannot be loaded, GET /stacks answers 503: ${error}`,
      );
      return undefined;
    }
    if (!kubeConfig) {
      logger.info(
        'No Kubernetes cluster is configured (observability.kubernetes, KUBECONFIG, ~/.kube/config): GET /stacks answers 503',
      );
      return undefined;
    }
    return new ObservabilityStackReader({
      kubeConfig,
      namespaces: config?.namespaces,
      timeoutMs: config?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  }

  constructor(
    private readonly options: {
      kubeConfig: KubeConfig;
      /** Only these namespaces; default all. */
      namespaces?: string[];
      timeoutMs: number;
    },
  ) {
    const cluster = options.kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new Error('The kubeconfig has no current cluster');
    }
    this.cluster = { name: cluster.name, server: cluster.server };
    this.api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** Every stack the backend may see, or those of one namespace; sorted by namespace, name. */
  async list(
    filter: { namespace?: string } = {},
  ): Promise<ObservabilityStackSummary[]> {
    const { namespaces } = this.options;
    if (
      filter.namespace &&
      namespaces &&
      !namespaces.includes(filter.namespace)
    ) {
      throw new InputError(
        `Namespace '${
          filter.namespace
        }' is not one of observability.kubernetes.namespaces (${namespaces.join(
          ', ',
        )})`,
      );
    }
    const scopes: Array<string | undefined> = filter.namespace
      ? [filter.namespace]
      : namespaces ?? [undefined];
    const lists = await Promise.all(scopes.map(ns => this.listScope(ns)));
    return lists
      .flat()
      .map(object => summarizeObservabilityStack(object, this.cluster.name))
      .sort(
        (a, b) =>
          a.namespace.localeCompare(b.namespace) ||
          a.name.localeCompare(b.name),
      );
  }

  /** One namespace, or all when undefined, following `continue` tokens. */
  private async listScope(
    namespace: string | undefined,
  ): Promise<ObservabilityStackObject[]> {
    const objects: ObservabilityStackObject[] = [];
    let token: string | undefined;
    do {
      const options = {
        middleware: [abortAfter(this.options.timeoutMs)],
        middlewareMergeStrategy: 'append' as const,
      };
      let page: StackList;
      try {
        page = namespace
          ? await this.api.listNamespacedCustomObject(
              {
                group: GROUP,
                version: VERSION,
                namespace,
                plural: PLURAL,
                limit: PAGE_SIZE,
                _continue: token,
              },
              options,
            )
          : await this.api.listClusterCustomObject(
              {
                group: GROUP,
                version: VERSION,
                plural: PLURAL,
                limit: PAGE_SIZE,
                _continue: token,
              },
              options,
            );
      } catch (error) {
        throw kubernetesRequestError(error, this.cluster, {
          timeoutMs: this.options.timeoutMs,
          namespace,
        });
      }
      objects.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
    } while (token);
    return objects;
  }
}

/** Bounds one request, including reading its body: the client has no timeout of its own. */
function abortAfter(timeoutMs: number): ObservableMiddleware {
  return {
    pre(context: RequestContext) {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(context));
    },
    post(context: ResponseContext) {
      return new Observable(Promise.resolve(context));
    },
  };
}
