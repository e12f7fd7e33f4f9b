import type { SpecDiagnostic } from '../types';

/**
 * What a spec folder's name says: `010-platform` or `20250101-120000-login`.
 *
 * @public
 */
export interface SpecFolderName {
  slug: string;
  /** `10` for `010-platform`; `20250101120000` for a timestamped folder. */
  number: number;
  /** The name without its number or timestamp (`platform`). */
  shortName: string;
}

const timestamped = /^(\d{8})-(\d{6})-(.*[^\s.])$/;
const numbered = /^(\d{3,})-(.*[^\s.])$/;

/**
 * Reads a spec folder name (`NNN-slug` with three or more digits, or
 * `YYYYMMDD-HHMMSS-slug`); undefined for any other name.
 *
 * @public
 */
export function parseSpecFolderName(name: string): SpecFolderName | undefined {
  const stamp = timestamped.exec(name);
  if (stamp) {
    return {
      slug: name,
      number: Number(stamp[1] + stamp[2]),
      shortName: stamp[3],
    };
  }
  const match = numbered.exec(name);
  if (match) {
    return { slug: name, number: Number(match[1]), shortName: match[2] };
  }
  return undefined;
}

/** `_archive`, `archive`, `archived`: folders whose spec folders are archived. */
export function isArchiveFolderName(name: string): boolean {
  return /^_?archived?$/i.test(name);
}

/** The documents that make a folder a Spec Kit folder whatever its name. */
const specKitDocuments = new Set(['spec.md', 'plan.md', 'tasks.md']);

/** `spec.md`, `plan.md` or `tasks.md`: a folder holding one is a spec folder. */
export function isSpecKitDocumentName(name: string): boolean {
  return specKitDocuments.has(name);
}

/**
 * Whether a folder is a spec folder: named `NNN-slug` or
 * `YYYYMMDD-HHMMSS-slug`, or holding Spec Kit documents directly under
 * another name (`specs/main/`, which Spec Kit creates when a spec is started
 * without a feature branch). Archive folders are never spec folders.
 */
export function isSpecFolder(name: string, holdsDocuments: boolean): boolean {
  if (parseSpecFolderName(name)) return true;
  return holdsDocuments && !isArchiveFolderName(name) && !isIgnoredName(name);
}

/** The diagnostic of a spec folder indexed although its name breaks the convention. */
export function unconventionalFolderDiagnostic(path: string): SpecDiagnostic {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    file: path,
    severity: 'warning',
    message: `Folder name '${name}' does not follow the spec folder convention (NNN-slug or YYYYMMDD-HHMMSS-slug); indexed with slug '${name}' and no number`,
  };
}

/** Dot folders (`.templates`) and `node_modules` are never searched for specs. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
