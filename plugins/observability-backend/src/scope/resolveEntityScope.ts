import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EntityScope,
  KubernetesLabelMappingOptions,
  kubernetesLabelSelectorToMatchers,
  LabelMatcher,
  QueryScopeError,
} from '@catalyst/plugin-observability-common';
import {
  LABEL_SELECTOR_ANNOTATION,
  NAMESPACE_ANNOTATION,
  OBSERVABILITY_LABELS_ANNOTATION,
} from './annotations';
import { parseObservabilityLabels } from './parseObservabilityLabels';

/** The label matchers every query of an entity is restricted to. */
export type ResolvedScope = Pick<EntityScope, 'matchers' | 'sources'> & {
  matchers: LabelMatcher[];
};

/**
 * An entity's scope: `catalyst.dev/observability-labels` when set (an explicit scope wins),
 * otherwise `backstage.io/kubernetes-namespace` as `namespace="..."` together with the
 * matchers of `backstage.io/kubernetes-label-selector`. Throws InputError when the entity
 * has none of them or one does not parse, saying which annotation to add or fix.
 */
export function resolveEntityScope(
  entity: Entity,
  labelMapping: KubernetesLabelMappingOptions = {},
): ResolvedScope {
  const ref = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const custom = annotations[OBSERVABILITY_LABELS_ANNOTATION];
  const namespace = annotations[NAMESPACE_ANNOTATION];
  const selector = annotations[LABEL_SELECTOR_ANNOTATION];

  try {
    if (custom !== undefined) {
      return {
        matchers: parseObservabilityLabels(custom),
        sources: [OBSERVABILITY_LABELS_ANNOTATION],
      };
    }
    const matchers: LabelMatcher[] = [];
    const sources: ResolvedScope['sources'] = [];
    if (namespace !== undefined) {
      if (namespace.trim() === '') {
        throw new InputError(
          `${ref} has an empty ${NAMESPACE_ANNOTATION} annotation`,
        );
      }
      matchers.push({ name: 'namespace', op: '=', value: namespace.trim() });
      sources.push(NAMESPACE_ANNOTATION);
    }
    if (selector !== undefined) {
      const selectorMatchers = kubernetesLabelSelectorToMatchers(
        selector,
        labelMapping,
      );
      // The namespace annotation already fixed `namespace`; a selector may not widen it.
      matchers.push(
        ...selectorMatchers.filter(
          m => !(namespace !== undefined && m.name === 'namespace'),
        ),
      );
      sources.push(LABEL_SELECTOR_ANNOTATION);
    }
    if (matchers.length === 0) {
      throw new InputError(
        `${ref} cannot be queried: it has no observability scope. Add the annotation ${NAMESPACE_ANNOTATION} (its Kubernetes namespace), ${LABEL_SELECTOR_ANNOTATION} (a label selector of its workloads) or ${OBSERVABILITY_LABELS_ANNOTATION} (label matchers such as "job=payments,env=prod")`,
      );
    }
    return { matchers, sources };
  } catch (error) {
    if (error instanceof QueryScopeError) {
      const annotation =
        custom !== undefined
          ? OBSERVABILITY_LABELS_ANNOTATION
          : LABEL_SELECTOR_ANNOTATION;
      throw new InputError(
        `${ref} has an unusable ${annotation} annotation: ${error.message}`,
      );
    }
    throw error;
  }
}
