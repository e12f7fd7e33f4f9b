import {
  isArchiveFolderName,
  isIgnoredName,
  isSpecFolder,
  isSpecKitDocumentName,
} from '../folder/specFolderName';

/** Where a file sits: its spec folder (relative to the specs root) and its path inside it. */
export interface SpecFolderLocation {
  folder: string;
  file: string;
  archived: boolean;
}

/**
 * Finds the spec folder a file belongs to from its path below the specs root:
 * the first folder named `NNN-slug` or `YYYYMMDD-HHMMSS-slug`, or holding
 * Spec Kit documents (one of `documentFolders`), below any number of other
 * folders (`_archive/`). Paths through dot folders (`.templates`) or
 * node_modules, and dot files inside a folder, have none.
 */
export function locateSpecFolder(
  pathInSpecs: string,
  documentFolders: ReadonlySet<string> = new Set(),
): SpecFolderLocation | undefined {
  const segments = pathInSpecs.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    const name = segments[i];
    if (isIgnoredName(name)) return undefined;
    const folder = segments.slice(0, i + 1).join('/');
    if (isSpecFolder(name, documentFolders.has(folder))) {
      const inside = segments.slice(i + 1);
      if (inside.some(isIgnoredName)) return undefined;
      return {
        folder,
        file: inside.join('/'),
        archived: segments.slice(0, i).some(isArchiveFolderName),
      };
    }
  }
  return undefined;
}

/**
 * The folders (relative to the specs root) that directly hold a Spec Kit
 * document, from the paths of the files below the root.
 */
export function findDocumentFolders(pathsInSpecs: string[]): Set<string> {
  const folders = new Set<string>();
  for (const path of pathsInSpecs) {
    const slash = path.lastIndexOf('/');
    if (slash > 0 && isSpecKitDocumentName(path.slice(slash + 1))) {
      folders.add(path.slice(0, slash));
    }
  }
  return folders;
}
