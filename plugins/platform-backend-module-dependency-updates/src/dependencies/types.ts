import type { PackageSecurityAdvisory } from '@catalyst/plugin-platform-node';

/** How far an update moves a version. */
export type DependencyUpdateKind = 'patch' | 'minor' | 'major';

/** The package ecosystems dependency updates know. */
export type DependencyEcosystem = 'npm' | 'go';

/** One dependency of one manifest to move to a newer version. */
export interface DependencyUpdate {
  ecosystem: DependencyEcosystem;
  /** The manifest's folder in the repository; empty for the root. */
  directory: string;
  /**
   * For a manifest of an npm, Yarn or pnpm workspace: the folder of the
   * workspace root whose single lockfile is refreshed; empty for the
   * repository root. Unset when the lockfile sits beside the manifest.
   */
  workspaceRoot?: string;
  name: string;
  /** Where the manifest declares it: `dependencies`, `devDependencies`, go.mod's `require`. */
  section: string;
  /** The version in use (the lockfile's, else the lowest the range allows), as semver. */
  from: string;
  /** The version to move to, as semver (go.mod writes it with a `v`). */
  to: string;
  kind: DependencyUpdateKind;
  /** The advisories affecting `from` that `to` is not affected by. */
  advisories: PackageSecurityAdvisory[];
}
