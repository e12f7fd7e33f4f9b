import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  formatLabelMatcher,
  KubernetesLabelMappingOptions,
  kubernetesLabelSelectorToMatchers,
  LabelMatcher,
} from '../matchers';
import { QueryScopeError } from '../scoping';
import { EntityScope } from '../api';
import {
  INSTANCE_ANNOTATIONS,
  LABEL_SELECTOR_ANNOTATION,
  NAMESPACE_ANNOTATION,
  OBSERVABILITY_INSTANCE_KINDS,
  OBSERVABILITY_LABELS_ANNOTATION,
  ObservabilityInstanceKind,
} from './annotations';
import { literalValueSet } from './literalValueSet';
import { parseObservabilityLabels } from './parseObservabilityLabels';

/** Longest scope annotation read; catalog-info.yaml is written by the entity's author. */
const MAX_ANNOTATION_LENGTH = 1024;
const MAX_MATCHERS = 16;

/**
 * What an entity's annotations claim: the label matchers of its scope, the annotations
 * they came from and the instances it names. A claim is only used once
 * {@link checkScopeClaim} finds it granted.
 *
 * @public
 */
export type EntityScopeClaim = {
  matchers: LabelMatcher[];
  sources: EntityScope['sources'];
  instances: Partial<Record<ObservabilityInstanceKind, string>>;
};

/**
 * Reads an entity's scope claim: `catalyst.dev/observability-labels` when set (an explicit
 * scope wins), otherwise `backstage.io/kubernetes-namespace` as `namespace="..."` together
 * with the matchers of `backstage.io/kubernetes-label-selector`.
 *
 * A scope only selects: every matcher is `label="value"` or a set of exact values
 * (`label=~"a|b"`, Kubernetes `in`). Regular expressions and negative matchers (`!=`, `!~`,
 * Kubernetes `notin` and `!key`) are refused, as is a scope without a matcher that needs a
 * non-empty value. Throws InputError saying which annotation to add or fix.
 *
 * @public
 */
export function resolveScopeClaim(
  entity: Entity,
  labelMapping: KubernetesLabelMappingOptions = {},
): EntityScopeClaim {
  const ref = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const custom = annotations[OBSERVABILITY_LABELS_ANNOTATION];
  const namespace = annotations[NAMESPACE_ANNOTATION];
  const selector = annotations[LABEL_SELECTOR_ANNOTATION];
  const instances = readInstanceClaims(ref, annotations);

  if (custom !== undefined) {
    const matchers = readAnnotation(OBSERVABILITY_LABELS_ANNOTATION, () =>
      parseObservabilityLabels(bounded(custom)),
    );
    return {
      matchers,
      sources: [OBSERVABILITY_LABELS_ANNOTATION],
      instances,
    };
  }
  const matchers: LabelMatcher[] = [];
  const sources: EntityScopeClaim['sources'] = [];
  if (namespace !== undefined) {
    if (namespace.trim() === '') {
      throw new InputError(
        `${ref} has an empty ${NAMESPACE_ANNOTATION} annotation`,
      );
    }
    matchers.push({
      name: 'namespace',
      op: '=',
      value: bounded(namespace.trim()),
    });
    sources.push(NAMESPACE_ANNOTATION);
  }
  if (selector !== undefined) {
    const selectorMatchers = readAnnotation(LABEL_SELECTOR_ANNOTATION, () =>
      kubernetesLabelSelectorToMatchers(bounded(selector), labelMapping),
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
  return { matchers, sources, instances };

  function readAnnotation(
    annotation: string,
    read: () => LabelMatcher[],
  ): LabelMatcher[] {
    let parsed: LabelMatcher[];
    try {
      parsed = read();
    } catch (error) {
      if (error instanceof QueryScopeError) {
        throw new InputError(
          `${ref} has an unusable ${annotation} annotation: ${error.message}`,
        );
      }
      throw error;
    }
    const problem = selectionProblem(parsed);
    if (problem) {
      throw new InputError(
        `${ref} has an unusable ${annotation} annotation: ${problem}`,
      );
    }
    return parsed;
  }

  function bounded(value: string): string {
    if (value.length > MAX_ANNOTATION_LENGTH) {
      throw new InputError(
        `${ref} has a scope annotation of ${value.length} characters; at most ${MAX_ANNOTATION_LENGTH} are read`,
      );
    }
    return value;
  }
}

/** Why matchers cannot be a scope, or undefined when they can. */
function selectionProblem(matchers: LabelMatcher[]): string | undefined {
  if (matchers.length > MAX_MATCHERS) {
    return `${matchers.length} matchers; a scope has at most ${MAX_MATCHERS}`;
  }
  for (const matcher of matchers) {
    const written = formatLabelMatcher(matcher);
    if (matcher.op === '!=' || matcher.op === '!~') {
      return `${written} excludes values; a scope takes only matchers that select values (label="value" or label=~"a|b")`;
    }
    if (literalValueSet(matcher) === undefined) {
      return `${written} is a regular expression; a scope takes exact values (label="value") or sets of them (label=~"a|b")`;
    }
  }
  if (!matchers.some(m => literalValueSet(m)!.every(v => v !== ''))) {
    return 'every matcher accepts a missing label; a scope needs one with a non-empty value';
  }
  return undefined;
}

function readInstanceClaims(
  ref: string,
  annotations: Record<string, string>,
): EntityScopeClaim['instances'] {
  const instances: EntityScopeClaim['instances'] = {};
  for (const kind of OBSERVABILITY_INSTANCE_KINDS) {
    const name = annotations[INSTANCE_ANNOTATIONS[kind]];
    if (name === undefined) continue;
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/.test(name)) {
      throw new InputError(
        `${ref} has an unusable ${
          INSTANCE_ANNOTATIONS[kind]
        } annotation: '${name.slice(0, 64)}' is not an instance name`,
      );
    }
    instances[kind] = name;
  }
  return instances;
}
