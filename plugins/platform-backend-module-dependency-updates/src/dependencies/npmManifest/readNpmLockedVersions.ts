import semver from 'semver';
import { NpmDependency } from './readNpmDependencies';

/**
 * The versions a package-lock.json (or npm-shrinkwrap.json) installs at the
 * top level: `packages["node_modules/<name>"]` (lockfile v2 and v3), else
 * `dependencies[<name>]` (v1). For a workspace `folder` of the lockfile's
 * root, its own `<folder>/node_modules/<name>` entries win over the hoisted
 * ones. No lockfile gives no versions; a lockfile that is not JSON throws.
 */
export function readNpmLockedVersions(
  text: string | undefined,
  folder: string = '',
) {
  const locked = new Map<string, string>();
  if (!text) return locked;
  const lockfile = JSON.parse(text) as {
    packages?: Record<string, { version?: unknown }>;
    dependencies?: Record<string, { version?: unknown }>;
  };
  const nested = new Map<string, string>();
  const prefix = folder ? `${folder}/` : '';
  for (const [path, entry] of Object.entries(lockfile.packages ?? {})) {
    if (typeof entry?.version !== 'string') continue;
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path)?.[1];
    if (name) locked.set(name, entry.version);
    const own =
      prefix && path.startsWith(prefix)
        ? /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path.slice(prefix.length))
        : undefined;
    if (own) nested.set(own[1], entry.version);
  }
  nested.forEach((version, name) => locked.set(name, version));
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
