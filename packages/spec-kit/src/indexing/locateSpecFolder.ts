import {
  isArchiveFolderName,
  isIgnoredName,
  parseSpecFolderName,
} from '../folder/specFolderName';

/** Where a file sits: its spec folder (relative to the specs root) and its path inside it. */
export interface SpecFolderLocation {
  folder: string;
  file: string;
  archived: boolean;
}

/**
 * Finds the spec folder a file belongs to from its path below the specs root:
 * the first folder named `NNN-slug` or `YYYYMMDD-HHMMSS-slug`, below any
 * number of other folders (`_archive/`). Paths through dot folders
 * (`.templates`) or node_modules, and dot files inside a folder, have none.
 */
export function locateSpecFolder(
  pathInSpecs: string,
): SpecFolderLocation | undefined {
  const segments = pathInSpecs.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    const name = segments[i];
    if (isIgnoredName(name)) return undefined;
    if (parseSpecFolderName(name)) {
      const inside = segments.slice(i + 1);
      if (inside.some(isIgnoredName)) return undefined;
      return {
        folder: segments.slice(0, i + 1).join('/'),
        file: inside.join('/'),
        archived: segments.slice(0, i).some(isArchiveFolderName),
      };
    }
  }
  return undefined;
}
