/**
 * Test helpers for code that runs repository tools: a hostile repository's
 * probe and a check of what it leaked.
 *
 * @packageDocumentation
 */

export { hostileProbeScript, leakedSecrets } from './hostileRepository';
export type { HostileProbeReport } from './hostileRepository';
