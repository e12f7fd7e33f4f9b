import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { SPEC_ANNOTATIONS } from '@catalyst/plugin-platform-common';
import { dirname, resolve as resolvePath } from 'node:path';

/**
 * Where a component's repository can be read: a local directory (file
 * locations, such as the demo catalog) or a URL that the UrlReader serves.
 *
 * @public
 */
export type SpecSource =
  | { type: 'file'; repoDir: string }
  | { type: 'url'; repoUrl: string };

/**
 * Finds where a component's specs come from.
 *
 * 1. `catalyst.dev/specs-location` (`url:` or `file:`), when set, names the
 *    repository root explicitly.
 * 2. A component registered from a `file:` location is read from the folder of
 *    its catalog-info.yaml: the local checkout is the truth, whatever remote
 *    its source-location names.
 * 3. Otherwise `backstage.io/source-location`.
 *
 * Returns undefined for entities without any of these.
 *
 * @public
 */
export function resolveSpecSource(entity: Entity): SpecSource | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const explicit = annotations[SPEC_ANNOTATIONS.specsLocation];
  if (explicit) {
    return fromLocationRef(explicit, annotations[ANNOTATION_LOCATION]);
  }
  const managedBy = annotations[ANNOTATION_LOCATION];
  if (managedBy) {
    const ref = safeParse(managedBy);
    if (ref?.type === 'file') {
      return { type: 'file', repoDir: dirname(ref.target) };
    }
  }
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  if (source) {
    return fromLocationRef(source, managedBy);
  }
  return undefined;
}

function fromLocationRef(ref: string, managedBy?: string): SpecSource {
  const { type, target } = parseLocationRef(ref);
  if (type === 'url') {
    return { type: 'url', repoUrl: target };
  }
  if (type === 'file' || type === 'dir') {
    // Relative paths are relative to the entity's own catalog file.
    const base = managedBy ? safeParse(managedBy) : undefined;
    const repoDir =
      base?.type === 'file'
        ? resolvePath(dirname(base.target), target)
        : resolvePath(target);
    return { type: 'file', repoDir };
  }
  throw new InputError(
    `Unsupported spec location type '${type}' in '${ref}'; use url: or file:`,
  );
}

// Like parseLocationRef, without throwing: a malformed managed-by-location is
// the catalog's to report; here it just means "not a file location".
function safeParse(ref: string): { type: string; target: string } | undefined {
  const index = ref.indexOf(':');
  if (index <= 0) {
    return undefined;
  }
  return { type: ref.slice(0, index), target: ref.slice(index + 1) };
}
