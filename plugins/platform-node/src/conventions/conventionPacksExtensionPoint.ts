import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ConventionPack } from '@catalyst/conventions';

/**
 * Lets modules contribute convention packs to the platform plugin.
 *
 * @public
 */
export interface ConventionPacksExtensionPoint {
  /** Adds packs; a later pack with the same id replaces an earlier one. */
  addPack(...packs: ConventionPack[]): void;
}

/**
 * Extension point for convention packs; the default packs come from
 * `@catalyst/conventions`.
 *
 * @public
 */
export const conventionPacksExtensionPoint =
  createExtensionPoint<ConventionPacksExtensionPoint>({
    id: 'platform.convention-packs',
  });
