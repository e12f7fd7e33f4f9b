import {
  Entity,
  stringifyEntityRef,
  CompoundEntityRef,
} from '@backstage/catalog-model';
// Type-only: erased at build, so this isomorphic package does not load the Node-only parser.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import type { SpecFileKind } from '@catalyst/spec-kit';

/** @public */
export const SPEC_ENTITY_API_VERSION = 'catalyst.dev/v1alpha1';
/** @public */
export const SPEC_ENTITY_KIND = 'Spec';

/**
 * Annotations Catalyst sets or reads. Ecosystem annotations
 * (`backstage.io/source-location`, `backstage.io/techdocs-ref`) are used where
 * they exist; these have no established name.
 *
 * @public
 */
export const SPEC_ANNOTATIONS = {
  /** On a Spec: the folder's path inside its repository (`specs/010-platform`). */
  path: 'catalyst.dev/spec-path',
  /** On a Component: where its specs live when not `<source-location>/specs`. */
  specsLocation: 'catalyst.dev/specs-location',
} as const;

/**
 * A Spec Kit folder as a catalog entity.
 *
 * @public
 */
export interface SpecEntityV1alpha1 extends Entity {
  apiVersion: typeof SPEC_ENTITY_API_VERSION;
  kind: typeof SPEC_ENTITY_KIND;
  spec: {
    /** The entity ref of the owner, taken from the component. */
    owner: string;
    /** The system, taken from the component. */
    system?: string;
    /** The component the spec belongs to (`partOf`). */
    component: string;
    /** `draft`, `active`, `complete`... as written in the spec, or `unknown`. */
    lifecycle: string;
    /** Folder name (`010-platform`). */
    slug: string;
    number?: number;
    path: string;
    archived: boolean;
    documents: SpecFileKind[];
    // A type literal, not SpecTaskCounts: entity specs must be JSON objects.
    tasks: { total: number; done: number; open: number; other: number };
    /** done / total, 0..1. */
    completion: number;
  };
}

/** @public */
export function isSpecEntity(entity: Entity): entity is SpecEntityV1alpha1 {
  return (
    entity.apiVersion === SPEC_ENTITY_API_VERSION &&
    entity.kind === SPEC_ENTITY_KIND
  );
}

/**
 * The catalog name of a spec folder's entity: component name and slug, so two
 * components can both have `001-auth`. Entity names are at most 63 characters.
 *
 * @public
 */
export function specEntityName(componentName: string, slug: string): string {
  const name = `${componentName}-${slug}`
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return name.length <= 63
    ? name.replace(/[^a-z0-9]+$/, '')
    : name.slice(0, 63).replace(/[^a-z0-9]+$/, '');
}

/** @public */
export function specEntityRef(
  component: CompoundEntityRef,
  slug: string,
): string {
  return stringifyEntityRef({
    kind: SPEC_ENTITY_KIND,
    namespace: component.namespace,
    name: specEntityName(component.name, slug),
  });
}
