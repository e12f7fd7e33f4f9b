import { CustomErrorBase } from '@backstage/errors';

import type { RegistryFailure } from '../fetchFromRegistry';

/** Why a registry request failed. */
export type NpmRegistryFailure = RegistryFailure;

/** A registry request that failed, with the package it asked for and why. */
export class NpmRegistryError extends CustomErrorBase {
  name = 'NpmRegistryError' as const;

  constructor(
    message: string,
    readonly details: { packageName: string; reason: NpmRegistryFailure },
    cause?: unknown,
  ) {
    super(message, cause);
  }
}
