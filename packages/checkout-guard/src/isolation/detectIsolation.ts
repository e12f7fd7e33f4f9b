import { spawnSync } from 'node:child_process';
import { IsolationMode } from './types';

/**
 * Whether repository tools can run under `mode` on this machine, with the
 * reason when they cannot.
 *
 * @public
 */
export function detectIsolation(mode: IsolationMode): {
  available: boolean;
  reason?: string;
} {
  if (mode === 'none') return { available: true };
  if (process.platform !== 'linux') {
    return { available: false, reason: 'bubblewrap needs Linux' };
  }
  const probe = spawnSync(
    'bwrap',
    [
      '--unshare-all',
      '--unshare-user',
      '--die-with-parent',
      '--ro-bind',
      '/',
      '/',
      '--',
      'true',
    ],
    // bwrap is looked up on the backend's PATH as it is now.
    { encoding: 'utf8', timeout: 10_000, env: process.env },
  );
  if (probe.error) {
    return {
      available: false,
      reason: `bwrap cannot run (${probe.error.message}); install the bubblewrap package`,
    };
  }
  if (probe.status !== 0) {
    return {
      available: false,
      reason: `bwrap cannot create namespaces here: ${probe.stderr.trim()}`,
    };
  }
  return { available: true };
}

/**
 * Throws unless repository tools can run under `mode`: the executors that run a
 * repository's code refuse to start without their isolation.
 *
 * @public
 */
export function requireIsolation(mode: IsolationMode): void {
  const { available, reason } = detectIsolation(mode);
  if (!available) {
    throw new Error(
      `Repository tools need isolation '${mode}', which is unavailable: ${reason}. ` +
        `Install bubblewrap, or set platform.isolation.mode: none to run them without it (not recommended).`,
    );
  }
}
