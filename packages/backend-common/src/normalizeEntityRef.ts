import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref as a person or an agent writes it (`payments-api`,
 * `component:payments-api`, `Component:default/payments-api`) in its full,
 * lower-case form; kind and namespace default to `component` and `default`.
 * Throws InputError for a ref that does not parse.
 *
 * @public
 */
export function normalizeEntityRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `Invalid entityRef '${ref}': ${(error as Error).message}`,
    );
  }
}
