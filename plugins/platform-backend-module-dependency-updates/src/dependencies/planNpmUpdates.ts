import type { PackageSecurityAdvisory } from '@catalyst/plugin-platform-node';
import semver from 'semver';
import { NpmDependency } from './npmManifest/readNpmDependencies';
import { npmVersionInUse } from './npmManifest/readNpmLockedVersions';
import { NpmPackument } from './npmRegistry/NpmRegistryClient';
import { DependencyUpdate, DependencyUpdateKind } from './types';

/** GitHub's `>= 1.0.0, < 1.2.3` as a range `semver` reads. */
export function advisoryRange(range: string): string {
  return range.replace(/,/g, ' ');
}

/** How far `from` to `to` moves. */
export function updateKind(from: string, to: string): DependencyUpdateKind {
  const diff = semver.diff(from, to);
  if (diff === 'major' || diff === 'premajor') return 'major';
  if (diff === 'minor' || diff === 'preminor') return 'minor';
  return 'patch';
}

/**
 * The updates of one manifest: every dependency whose registry `latest` is
 * a stable version above the one in use (the lockfile's, else the lowest
 * the range allows), with the advisories that affect the version in use
 * and not the new one.
 */
export function planNpmUpdates(options: {
  directory: string;
  dependencies: NpmDependency[];
  /** Top-level versions of the lockfile beside the manifest. */
  locked?: Map<string, string>;
  packuments: Map<string, NpmPackument>;
  advisories: PackageSecurityAdvisory[];
}): DependencyUpdate[] {
  const updates: DependencyUpdate[] = [];
  for (const dependency of options.dependencies) {
    const from = npmVersionInUse(dependency, options.locked ?? new Map());
    const latest = options.packuments.get(dependency.name)?.distTags.latest;
    if (!latest || !semver.valid(latest) || semver.prerelease(latest)) {
      continue;
    }
    if (!semver.gt(latest, from)) continue;
    const advisories = options.advisories.filter(advisory => {
      if (advisory.packageName !== dependency.name) return false;
      const range = advisoryRange(advisory.vulnerableVersionRange);
      return semver.satisfies(from, range) && !semver.satisfies(latest, range);
    });
    updates.push({
      ecosystem: 'npm',
      directory: options.directory,
      name: dependency.name,
      section: dependency.section,
      from,
      to: latest,
      kind: updateKind(from, latest),
      advisories,
    });
  }
  return updates;
}
