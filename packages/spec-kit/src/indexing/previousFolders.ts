import type { SpecDiagnostic, SpecFolder, SpecIndex } from '../types';

/** A folder of a previous index with the diagnostics about its files. */
export interface PreviousFolder {
  folder: SpecFolder;
  diagnostics: SpecDiagnostic[];
}

/** The folders of a previous index by path, each with its own diagnostics. */
export function previousFolders(
  previous: SpecIndex | undefined,
): Map<string, PreviousFolder> {
  const byPath = new Map<string, PreviousFolder>();
  if (!previous) return byPath;
  for (const folder of previous.specs) {
    byPath.set(folder.path, { folder, diagnostics: [] });
  }
  for (const diagnostic of previous.diagnostics) {
    let end = diagnostic.file.lastIndexOf('/');
    while (end > 0) {
      const owner = byPath.get(diagnostic.file.slice(0, end));
      if (owner) {
        owner.diagnostics.push(diagnostic);
        break;
      }
      end = diagnostic.file.lastIndexOf('/', end - 1);
    }
  }
  return byPath;
}
