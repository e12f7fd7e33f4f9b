import { stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The entity ref named by `:kind/:namespace/:name` route parameters.
 *
 * @public
 */
export function entityRefFromParams(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef({
    kind: params.kind,
    namespace: params.namespace,
    name: params.name,
  });
}
