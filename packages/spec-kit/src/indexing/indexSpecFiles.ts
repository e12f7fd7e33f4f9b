import type { SpecDiagnostic, SpecIndex } from '../types';
import { parseSpecFolder, SpecSourceFile } from '../folder/parseSpecFolder';
import { decodeUtf8 } from '../folder/decodeText';
import { findDocumentFolders, locateSpecFolder } from './locateSpecFolder';
import {
  parseSpecFolderName,
  unconventionalFolderDiagnostic,
} from '../folder/specFolderName';
import { previousFolders } from './previousFolders';
import {
  DEFAULT_SPECS_PATH,
  normalizeSpecsPath,
  readSpecsConfig,
} from '../config/readSpecsConfig';

/** @public */
export interface IndexSpecFilesOptions {
  /**
   * Where spec folders live, relative to the files' root. By default
   * `specs.path` from a `catalyst.yaml` among the files, else `specs`; `''`
   * when the files are the specs folder itself.
   */
  specsPath?: string;
  /** The last index of the same root: folders whose content hash is unchanged are reused without parsing. */
  previous?: SpecIndex;
}

/**
 * Indexes the spec folders in a list of files, such as a UrlReader tree read
 * of a repository. Pure: no filesystem, no network. File paths are relative
 * to the repository root with forward slashes; the result's paths are too.
 *
 * @public
 */
export function indexSpecFiles(
  files: SpecSourceFile[],
  options: IndexSpecFilesOptions = {},
): SpecIndex {
  const diagnostics: SpecDiagnostic[] = [];
  const normalized = files.map(file => ({
    ...file,
    path: file.path.replace(/\\/g, '/').replace(/^(?:\.?\/)+/, ''),
  }));

  let specsPath = DEFAULT_SPECS_PATH;
  if (options.specsPath !== undefined) {
    const given = normalizeSpecsPath(options.specsPath);
    if (given === undefined) {
      throw new Error(
        `specsPath must be a relative path inside the root, got '${options.specsPath}'`,
      );
    }
    specsPath = given;
  } else {
    const config = normalized.find(file => file.path === 'catalyst.yaml');
    if (config) {
      const text = decodeUtf8(config.content);
      const read =
        text === undefined
          ? {
              diagnostics: [
                {
                  file: 'catalyst.yaml',
                  severity: 'warning' as const,
                  message:
                    'File is not valid UTF-8; using the default specs path',
                },
              ],
            }
          : readSpecsConfig(text);
      diagnostics.push(...read.diagnostics);
      if ('path' in read) specsPath = read.path;
    }
  }

  const prefix = specsPath ? `${specsPath}/` : '';
  const folders = new Map<
    string,
    { archived: boolean; files: SpecSourceFile[] }
  >();
  const documentFolders = findDocumentFolders(
    normalized
      .filter(file => file.path.startsWith(prefix))
      .map(file => file.path.slice(prefix.length)),
  );
  for (const file of normalized) {
    if (!file.path.startsWith(prefix)) continue;
    if (file.path.split('/').includes('..')) {
      diagnostics.push({
        file: file.path,
        severity: 'warning',
        message: 'Path leaves the root; skipped',
      });
      continue;
    }
    const location = locateSpecFolder(
      file.path.slice(prefix.length),
      documentFolders,
    );
    if (!location) continue;
    const folderPath = prefix + location.folder;
    let folder = folders.get(folderPath);
    if (!folder) {
      folder = { archived: location.archived, files: [] };
      folders.set(folderPath, folder);
    }
    folder.files.push({ path: location.file, content: file.content });
  }

  const previous = previousFolders(options.previous);
  const specs = [];
  for (const path of [...folders.keys()].sort()) {
    const folder = folders.get(path)!;
    const parsed = parseSpecFolder(path, folder.files, {
      archived: folder.archived,
      previous: previous.get(path),
    });
    specs.push(parsed.folder);
    if (!parseSpecFolderName(parsed.folder.slug)) {
      diagnostics.push(unconventionalFolderDiagnostic(path));
    }
    diagnostics.push(...parsed.diagnostics);
  }
  return { specs, diagnostics };
}
