/**
 * Guarded access to untrusted repository checkouts.
 *
 * @packageDocumentation
 */

export { GuardedCheckout } from './reads/GuardedCheckout';
export type { GuardedCheckoutLimits } from './reads/GuardedCheckout';
export { CheckoutPathError } from './reads/CheckoutPathError';
export type { CheckoutPathProblem } from './reads/CheckoutPathError';
export { runIsolated } from './isolation/runIsolated';
export { detectIsolation, requireIsolation } from './isolation/detectIsolation';
export type {
  IsolationMode,
  IsolatedRunOptions,
  IsolatedRunResult,
} from './isolation/types';
