import type { PackageSecurityAdvisory } from '@catalyst/plugin-platform-node';

/** How far an update moves a version. */
export type DependencyUpdateKind = 'patch' | 'minor' | 'major';

/** The package ecosystems dependency updates know. */
export type DependencyEcosystem = 'npm';

/** One dependency of one manifest to move to a newer version. */
export interface DependencyUpdate {
  ecosystem: DependencyEcosystem;
  /** The manifest's folder in the repository; empty for the root. */
  directory: string;
  name: string;
  /** The section of the manifest it is declared in (`devDependencies`). */
  section: string;
  /** The version the manifest asks for now (the lowest its range allows). */
  from: string;
  /** The version to move to. */
  to: string;
  kind: DependencyUpdateKind;
  /** The advisories affecting `from` that `to` is not affected by. */
  advisories: PackageSecurityAdvisory[];
}
