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

/** Dot folders (`.templates`) and `node_modules` are never searched for specs. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
