import semver from 'semver';
import { NpmDependency } from './readNpmDependencies';

/**
 * The versions a package-lock.json (or npm-shrinkwrap.json) installs at the
 * top level: `packages["node_modules/<name>"]` (lockfile v2 and v3), else
 * `dependencies[<name>]` (v1). No lockfile gives no versions; a lockfile
 * that is not JSON throws.
 */
export function readNpmLockedVersions(text: string | undefined) {
  const locked = new Map<string, string>();
  if (!text) return locked;
  const lockfile = JSON.parse(text) as {
    packages?: Record<string, { version?: unknown }>;
    dependencies?: Record<string, { version?: unknown }>;
  };
  for (const [path, entry] of Object.entries(lockfile.packages ?? {})) {
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
    if (name && typeof entry?.version === 'string') {
      locked.set(name, entry.version);
    }
  }
  for (const [name, entry] of Object.entries(lockfile.dependencies ?? {})) {
    if (!locked.has(name) && typeof entry?.version === 'string') {
      locked.set(name, entry.version);
    }
  }
  return locked;
}

/** The version in use: the locked one when it satisfies the range, else the lowest the range allows. */
export function npmVersionInUse(
  dependency: NpmDependency,
  locked: Map<string, string>,
): string {
  const version = locked.get(dependency.name);
  return version &&
    semver.valid(version) &&
    semver.satisfies(version, dependency.spec)
    ? version
    : dependency.parsed.version;
}
