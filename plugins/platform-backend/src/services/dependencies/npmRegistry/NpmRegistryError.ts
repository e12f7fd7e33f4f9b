import { CustomErrorBase } from '@backstage/errors';

/** Why a registry request failed. */
export type NpmRegistryFailure =
  | 'not_found'
  | 'timeout'
  | 'unavailable'
  | 'invalid_response';

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
