import semver from 'semver';

/** A manifest range that names one version: `^1.2.0`, `~1.2.0`, `1.2.0`, `>=1.2.0`. */
export interface NpmVersionSpec {
  /** `^`, `~`, `>=`, `=` or nothing (exact). */
  prefix: string;
  version: string;
}

const SPEC = /^(\^|~|>=|=)?v?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)$/;

/**
 * Reads a range this task can move while keeping its style; anything else
 * (`workspace:`, `file:`, git and URL specs, tags, `1.x`, unions) is
 * `undefined` and left alone.
 */
export function parseNpmVersionSpec(spec: string): NpmVersionSpec | undefined {
  const match = SPEC.exec(spec.trim());
  if (!match || !semver.valid(match[2])) return undefined;
  return { prefix: match[1] ?? '', version: match[2] };
}

/** The same style of range for another version: `^1.2.0` to `^1.3.0`. */
export function formatNpmVersionSpec(spec: NpmVersionSpec, version: string) {
  return `${spec.prefix}${version}`;
}
