import type { PackageSecurityAdvisory } from '@catalyst/plugin-platform-node';
import semver from 'semver';
import { advisoryRange, updateKind } from '../planNpmUpdates';
import { DependencyUpdate } from '../types';
import { goReleaseVersion } from './GoProxyClient';
import { GoRequirement } from './readGoModRequires';

/**
 * The updates of one go.mod: every requirement whose proxy has a higher
 * release in the same module path (so the same major from v2 on), with the
 * advisories that affect the current version and not the new one.
 */
export function planGoUpdates(options: {
  directory: string;
  requires: GoRequirement[];
  /** Module path to its highest release (`v1.3.0`). */
  latest: Map<string, string>;
  advisories: PackageSecurityAdvisory[];
}): DependencyUpdate[] {
  return options.requires.flatMap(requirement => {
    const latest = options.latest.get(requirement.modulePath);
    const to = latest ? goReleaseVersion(latest) : undefined;
    const from = requirement.semver;
    if (!to || !semver.gt(to, from)) return [];
    const advisories = options.advisories.filter(advisory => {
      if (advisory.packageName !== requirement.modulePath) return false;
      const range = advisoryRange(advisory.vulnerableVersionRange);
      return semver.satisfies(from, range) && !semver.satisfies(to, range);
    });
    return [
      {
        ecosystem: 'go' as const,
        directory: options.directory,
        name: requirement.modulePath,
        section: 'require',
        from,
        to,
        kind: updateKind(from, to),
        advisories,
      },
    ];
  });
}
