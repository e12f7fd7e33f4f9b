import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { SPEC_ANNOTATIONS } from '@catalyst/plugin-platform-common';
import { promises as fs } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { isInsideFolder } from './isInsideFolder';

/**
 * Where a component's repository can be read: a local directory (file
 * locations, such as the demo catalog) or a URL that the UrlReader serves.
 *
 * @public
 */
export type SpecSource =
  | {
      type: 'file';
      repoDir: string;
      /**
       * `annotation` when an entity annotation names the folder (the entity
       * author chose it), `catalog-file` for the folder of the catalog file
       * the entity was registered from.
       */
      origin?: 'annotation' | 'catalog-file';
    }
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
      return {
        type: 'file',
        repoDir: dirname(ref.target),
        origin: 'catalog-file',
      };
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
    return { type: 'file', repoDir, origin: 'annotation' };
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

/**
 * The folders under which a `file:` or `dir:` location named by an entity
 * annotation may be read: `platform.specs.localRoots`, resolved from the
 * backend's working directory. Empty when not configured.
 *
 * @public
 */
export function readLocalSpecRoots(config: {
  getOptionalStringArray(key: string): string[] | undefined;
}): string[] {
  return (config.getOptionalStringArray('platform.specs.localRoots') ?? []).map(
    root => resolvePath(root),
  );
}

/**
 * The real path of a local spec source, once it is known to be one the
 * platform may read. An annotation is the entity author's: the folder it
 * names must lie (after following links) under one of `localRoots` or under
 * the folder of the catalog file the entity was registered from. The folder
 * of the catalog file itself is always allowed.
 *
 * @public
 */
export async function resolveAllowedLocalSource(
  entity: Entity,
  source: Extract<SpecSource, { type: 'file' }>,
  localRoots: readonly string[],
): Promise<string> {
  const real = await fs.realpath(source.repoDir).catch(() => undefined);
  if (source.origin !== 'annotation') return real ?? source.repoDir;
  const managedBy = safeParse(
    entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '',
  );
  const roots = [
    ...localRoots,
    ...(managedBy?.type === 'file' ? [dirname(managedBy.target)] : []),
  ];
  if (real) {
    for (const root of roots) {
      const realRoot = await fs.realpath(root).catch(() => undefined);
      if (realRoot && isInsideFolder(realRoot, real)) return real;
    }
  }
  throw new NotAllowedError(
    `The local folder ${source.repoDir} of ${
      entity.metadata.name
    } is outside the folders listed in platform.specs.localRoots${
      managedBy?.type === 'file' ? ' and its catalog file folder' : ''
    }`,
  );
}
