import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ApiException,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { RuleApplication } from '@catalyst/plugin-observability-common';
import { KubernetesClusterConfig, PrometheusRuleTargetConfig } from '../config';
import { RuleApplicationRequest, RuleApplier } from '../rules/RuleApplier';
import { ruleFileName } from '../rules/RuleFileApplier';
import { NAMESPACE_ANNOTATION } from '../scope/annotations';
import { loadKubeConfig } from './loadKubeConfig';
import { prometheusRuleRequestError } from './prometheusRuleRequestError';

/** The field manager of every PrometheusRule the backend applies. */
export const PROMETHEUS_RULE_FIELD_MANAGER = 'catalyst-observability';
/** Annotation naming the entity a PrometheusRule belongs to (refs do not fit label values). */
export const ENTITY_REF_ANNOTATION = 'catalyst.dev/entity-ref';
const API_VERSION = 'monitoring.coreos.com/v1';
const KIND = 'PrometheusRule';

/** The PrometheusRule of an entity: the rule file name without its extension. */
export function prometheusRuleName(entityRef: string): string {
  return ruleFileName(entityRef).replace(/\.yml$/, '');
}

/** The namespace of an entity's PrometheusRule: configured, else the entity's. */
export function prometheusRuleNamespace(
  entity: Entity,
  target: PrometheusRuleTargetConfig,
): string {
  return (
    target.namespace ??
    entity.metadata.annotations?.[NAMESPACE_ANNOTATION] ??
    entity.metadata.namespace ??
    'default'
  );
}

/**
 * Kubernetes rule application: server-side applies one `PrometheusRule` per entity holding
 * its rendered groups, labelled so that the ObservabilityStack's Prometheus selects it
 * (`release: <stack>-prometheus`, as the operator labels its own golden-signal rules), and
 * deletes it when the entity has no enabled rules.
 */
export class PrometheusRuleApplier implements RuleApplier {
  private readonly api: KubernetesObjectApi;

  /** Kubernetes mode cannot work without a cluster: a missing kubeconfig is fatal. */
  static fromConfig(options: {
    cluster: KubernetesClusterConfig | undefined;
    target: PrometheusRuleTargetConfig;
    logger: LoggerService;
  }): PrometheusRuleApplier {
    const kubeConfig = loadKubeConfig(options.cluster);
    if (!kubeConfig) {
      throw new Error(
        'observability.rules.mode is kubernetes but there is no Kubernetes cluster: set observability.kubernetes (kubeconfigPath or inCluster)',
      );
    }
    const where = kubeConfig.getCurrentCluster()!;
    options.logger.info(
      `Alert rules are applied as PrometheusRule objects on Kubernetes cluster '${where.name}' (${where.server})`,
    );
    return new PrometheusRuleApplier({ kubeConfig, target: options.target });
  }

  constructor(
    private readonly options: {
      kubeConfig: KubeConfig;
      target: PrometheusRuleTargetConfig;
    },
  ) {
    this.api = KubernetesObjectApi.makeApiClient(options.kubeConfig);
  }

  async apply(request: RuleApplicationRequest): Promise<RuleApplication> {
    const { entity, entityRef, groups, prometheus, validatedWithPromtool } =
      request;
    const metadata = {
      name: prometheusRuleName(entityRef),
      namespace: prometheusRuleNamespace(entity, this.options.target),
    };
    const result = {
      status: 'applied' as const,
      instance: prometheus.instance.name,
      mode: 'kubernetes' as const,
      prometheusRule: metadata,
      validatedWithPromtool,
    };
    const cluster = this.options.kubeConfig.getCurrentCluster()!;
    if (groups.length === 0) {
      try {
        await this.api.delete({
          apiVersion: API_VERSION,
          kind: KIND,
          metadata,
        });
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 404)) {
          throw prometheusRuleRequestError(error, cluster, metadata);
        }
      }
      return {
        ...result,
        message: 'No enabled rules: the PrometheusRule was deleted',
      };
    }
    const object: KubernetesObject & { spec: unknown } = {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: {
        ...metadata,
        labels: this.labels(),
        annotations: { [ENTITY_REF_ANNOTATION]: entityRef },
      },
      spec: { groups },
    };
    try {
      await this.api.patch(
        object,
        undefined,
        undefined,
        PROMETHEUS_RULE_FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw prometheusRuleRequestError(error, cluster, metadata);
    }
    return result;
  }

  private labels(): Record<string, string> {
    const { stack, labels } = this.options.target;
    return {
      ...labels,
      'app.kubernetes.io/managed-by': PROMETHEUS_RULE_FIELD_MANAGER,
      ...(stack ? { release: `${stack}-prometheus` } : {}),
    };
  }
}
