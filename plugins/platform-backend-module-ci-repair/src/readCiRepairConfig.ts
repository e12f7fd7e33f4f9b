import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * `platform.ciRepair`, with defaults applied.
 *
 * @public
 */
export interface CiRepairConfig {
  /** Repair pushes per pull request, counted by their `Catalyst-Repair` trailer. Default 2. */
  maxPushes: number;
  /** Re-runs of failed checks per pull request, counted by Catalyst's comments. Default 2. */
  maxReruns: number;
}

/**
 * Reads `platform.ciRepair`; throws an InputError on a bad value.
 *
 * @public
 */
export function readCiRepairConfig(config: Config): CiRepairConfig {
  const section = config.getOptionalConfig('platform.ciRepair');
  const limit = (key: string, fallback: number) => {
    const value = section?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 0 || value > 20) {
      throw new InputError(
        `platform.ciRepair.${key} must be a whole number from 0 to 20, got ${value}`,
      );
    }
    return value;
  };
  return { maxPushes: limit('maxPushes', 2), maxReruns: limit('maxReruns', 2) };
}
