import semver from 'semver';
import { ReleaseEntry } from '../commits/parseCommit';

/**
 * The kind of version change.
 *
 * @public
 */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/**
 * How entries turn into a bump.
 *
 * @public
 */
export type BumpRules = {
  /** Below 1.0.0 a breaking change bumps the minor version (release-please `bump-minor-pre-major`). */
  bumpMinorPreMajor: boolean;
  /** Below 1.0.0 a feature bumps the patch version (release-please `bump-patch-for-minor-pre-major`). */
  bumpPatchForMinorPreMajor: boolean;
  /** Commit types that release a patch besides `fix` and `perf` (e.g. `deps`). */
  patchTypes: string[];
  /** semantic-release `releaseRules`: type (and optional scope) to bump; first match wins. */
  releaseRules?: Array<{ type?: string; scope?: string; release: Bump }>;
  /** Patch-bump when there is no releasable entry (release-please always proposes one). */
  alwaysBump?: boolean;
};

/**
 * Catalyst's rules for a repository without a release tool's configuration:
 * semver, with 0.x treated as Cargo and release-please's pre-major options do
 * (a breaking change is a minor, a feature a patch).
 *
 * @public
 */
export const defaultBumpRules: BumpRules = {
  bumpMinorPreMajor: true,
  bumpPatchForMinorPreMajor: true,
  patchTypes: ['fix', 'perf'],
};

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

function entryBump(entry: ReleaseEntry, rules: BumpRules): Bump {
  if (entry.breaking) return 'major';
  for (const rule of rules.releaseRules ?? []) {
    if (
      (!rule.type || rule.type === entry.type) &&
      (!rule.scope || rule.scope === entry.scope)
    ) {
      return rule.release;
    }
  }
  if (entry.type === 'feat') return 'minor';
  if (rules.patchTypes.includes(entry.type)) return 'patch';
  return 'none';
}

/**
 * The bump a set of entries calls for, before pre-1.0 adjustments.
 *
 * @public
 */
export function computeBump(entries: ReleaseEntry[], rules: BumpRules): Bump {
  let bump: Bump = 'none';
  for (const entry of entries) {
    const next = entryBump(entry, rules);
    if (RANK[next] > RANK[bump]) bump = next;
  }
  if (bump === 'none' && rules.alwaysBump && entries.length) return 'patch';
  return bump;
}

/**
 * Applies a bump to a version with the pre-1.0 rules; `releaseAs` wins.
 *
 * @public
 */
export function nextVersion(
  previous: string,
  bump: Bump,
  rules: BumpRules,
  releaseAs?: string,
): { version: string; bump: Bump } {
  if (releaseAs && semver.valid(releaseAs)) {
    return { version: semver.clean(releaseAs)!, bump };
  }
  if (bump === 'none') return { version: previous, bump };
  let effective = bump;
  const major = semver.major(previous);
  if (major < 1 && bump === 'major' && rules.bumpMinorPreMajor) {
    effective = 'minor';
  } else if (major < 1 && bump === 'minor' && rules.bumpPatchForMinorPreMajor) {
    effective = 'patch';
  }
  const pre = semver.prerelease(previous);
  if (pre) {
    // A prerelease graduates to its own version, as release tools do for `1.0.0-rc.1` -> `1.0.0`.
    return {
      version: `${semver.major(previous)}.${semver.minor(
        previous,
      )}.${semver.patch(previous)}`,
      bump: effective,
    };
  }
  return { version: semver.inc(previous, effective)!, bump: effective };
}
