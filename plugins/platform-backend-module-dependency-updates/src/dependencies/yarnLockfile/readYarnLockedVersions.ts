import { parseSyml } from '@yarnpkg/parsers';
import { NpmDependency } from '../npmManifest/readNpmDependencies';

/**
 * `left-pad@npm:^1.0.0` (or `left-pad@^1.0.0`) as its name and registry
 * range; other protocols (`workspace:`, `patch:`, git) give undefined.
 */
function splitDescriptor(descriptor: string) {
  const at = descriptor.indexOf('@', 1);
  if (at < 0) return undefined;
  const range = descriptor.slice(at + 1).replace(/^npm:/, '');
  if (range.includes(':')) return undefined;
  return { name: descriptor.slice(0, at), range };
}

/**
 * The versions a yarn.lock resolves for the ranges of one manifest: Yarn
 * 2+ (`"left-pad@npm:^1.0.0, left-pad@npm:^1.2.0":` with `version: 1.3.0`)
 * and Yarn classic (`left-pad@^1.0.0:` with `version "1.3.0"`). Each
 * dependency whose `name@range` is a key of the lockfile gets that entry's
 * version; the others get none. No lockfile gives no versions; a lockfile
 * Yarn could not read either throws.
 */
export function readYarnLockedVersions(
  text: string | undefined,
  dependencies: Pick<NpmDependency, 'name' | 'spec'>[],
): Map<string, string> {
  const locked = new Map<string, string>();
  if (!text) return locked;
  const resolved = new Map<string, string>();
  for (const [key, entry] of Object.entries(parseSyml(text))) {
    if (key === '__metadata' || typeof entry?.version !== 'string') continue;
    for (const descriptor of key.split(',')) {
      const parts = splitDescriptor(descriptor.trim());
      if (parts) resolved.set(`${parts.name}@${parts.range}`, entry.version);
    }
  }
  for (const { name, spec } of dependencies) {
    const version = resolved.get(`${name}@${spec.replace(/^npm:/, '')}`);
    if (version) locked.set(name, version);
  }
  return locked;
}
