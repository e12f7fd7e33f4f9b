import type { Entity } from '@backstage/catalog-model';

/** A catalog component in the default namespace, for route tests. */
export function componentEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: `team-${name}` },
  };
}
