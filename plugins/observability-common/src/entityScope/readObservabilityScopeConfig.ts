import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { isValidLabelName, KubernetesLabelMappingOptions } from '../matchers';
import {
  OBSERVABILITY_INSTANCE_KINDS,
  ObservabilityInstanceKind,
} from './annotations';
import {
  ObservabilityScopeGrant,
  ObservabilityScopePolicy,
} from './ScopePolicy';

/**
 * What the observability backend and its catalog processor read to decide an entity's
 * scope: the platform's grants and how Kubernetes label keys become label names.
 *
 * @public
 */
export type ObservabilityScopeConfig = {
  policy: ObservabilityScopePolicy;
  labelMapping: KubernetesLabelMappingOptions;
};

/**
 * Reads `observability.scopes`, `observability.labelMapping` and the instance names of
 * `observability.<kind>.instances`; throws on values that make no sense.
 *
 * @public
 */
export function readObservabilityScopeConfig(
  config: Config,
): ObservabilityScopeConfig {
  const root = config.getOptionalConfig('observability');
  const instanceNames = Object.fromEntries(
    OBSERVABILITY_INSTANCE_KINDS.map(kind => [
      kind,
      (root?.getOptionalConfigArray(`${kind}.instances`) ?? []).map(i =>
        i.getString('name'),
      ),
    ]),
  ) as Record<ObservabilityInstanceKind, string[]>;
  const defaultInstances: ObservabilityScopePolicy['defaultInstances'] = {};
  for (const kind of OBSERVABILITY_INSTANCE_KINDS) {
    if (instanceNames[kind].length > 0) {
      defaultInstances[kind] = instanceNames[kind][0];
    }
  }

  const scopes = root?.getOptionalConfig('scopes');
  const unrestricted = scopes?.getOptionalBoolean('unrestricted') ?? false;
  const grants = (scopes?.getOptionalConfigArray('grants') ?? []).map(
    (grant, index) =>
      readGrant(grant, `observability.scopes.grants[${index}]`, instanceNames),
  );
  if (unrestricted && grants.length > 0) {
    throw new Error(
      'observability.scopes: set either unrestricted (every entity claims any scope) or grants, not both',
    );
  }
  return {
    policy: {
      mode: unrestricted ? 'unrestricted' : 'granted',
      grants,
      defaultInstances,
    },
    labelMapping: readLabelMapping(root),
  };
}

function readGrant(
  grant: Config,
  where: string,
  instanceNames: Record<ObservabilityInstanceKind, string[]>,
): ObservabilityScopeGrant {
  const refs = (key: 'owners' | 'systems', defaultKind: string) =>
    (grant.getOptionalStringArray(key) ?? []).map(value => {
      try {
        return stringifyEntityRef(
          parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
        ).toLocaleLowerCase('en-US');
      } catch (error) {
        throw new Error(
          `${where}.${key}: '${value}' is not an entity ref: ${
            (error as Error).message
          }`,
        );
      }
    });
  const owners = refs('owners', 'group');
  const systems = refs('systems', 'system');
  if (owners.length === 0 && systems.length === 0) {
    throw new Error(
      `${where} must name owners or systems: a grant for every entity would let any author claim it`,
    );
  }
  const locations = grant.getOptionalStringArray('locations') ?? [];
  if (locations.some(l => !/^[a-z]+:.+/.test(l))) {
    throw new Error(
      `${where}.locations are location refs such as 'url:https://github.com/acme/payments-'`,
    );
  }
  const namespaces = values(grant, 'namespaces');
  const labelsConfig = grant.getOptionalConfig('labels');
  const labels: Record<string, string[]> = {};
  for (const label of labelsConfig?.keys() ?? []) {
    if (!isValidLabelName(label) || label.startsWith('__')) {
      throw new Error(`${where}.labels: '${label}' is not a label name`);
    }
    if (label === 'namespace') {
      throw new Error(`${where}.labels: list namespaces under namespaces`);
    }
    labels[label] = values(labelsConfig!, label);
  }
  if (namespaces.length === 0 && Object.keys(labels).length === 0) {
    throw new Error(
      `${where} must pin namespaces or labels: a grant without them would let its entities claim any scope`,
    );
  }
  const instances: ObservabilityScopeGrant['instances'] = {};
  for (const kind of OBSERVABILITY_INSTANCE_KINDS) {
    const names = grant.getOptionalStringArray(`instances.${kind}`);
    if (names === undefined) continue;
    for (const name of names) {
      if (!instanceNames[kind].includes(name)) {
        throw new Error(
          `${where}.instances.${kind}: '${name}' is not configured under observability.${kind}.instances`,
        );
      }
    }
    instances[kind] = names;
  }
  return { owners, systems, locations, namespaces, labels, instances };
}

// The config reader already refuses empty strings, which would grant series without the label.
function values(config: Config, key: string): string[] {
  return [...new Set(config.getOptionalStringArray(key) ?? [])];
}

function readLabelMapping(
  root: Config | undefined,
): KubernetesLabelMappingOptions {
  const labelNamePrefix = root?.getOptionalString(
    'labelMapping.labelNamePrefix',
  );
  if (
    labelNamePrefix !== undefined &&
    !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(labelNamePrefix)
  ) {
    throw new Error(
      `observability.labelMapping.labelNamePrefix must be a label name prefix, got '${labelNamePrefix}'`,
    );
  }
  // Read as one object: Kubernetes label keys (`app.kubernetes.io/name`) contain dots and
  // slashes, which a config key path cannot name.
  const labelNamesConfig = root?.getOptional<Record<string, unknown>>(
    'labelMapping.labelNames',
  );
  const labelNames = labelNamesConfig
    ? Object.fromEntries(
        Object.entries(labelNamesConfig).map(([key, name]) => {
          if (typeof name !== 'string' || !isValidLabelName(name)) {
            throw new Error(
              `observability.labelMapping.labelNames.${key} is not a valid label name: '${String(
                name,
              )}'`,
            );
          }
          return [key, name];
        }),
      )
    : undefined;
  return { labelNamePrefix, labelNames };
}
