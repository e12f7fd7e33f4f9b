/**
 * Test helpers for modules of the platform backend.
 *
 * @packageDocumentation
 */

export { executionContext, executorTask } from './executorTasks';
export { startPlatformWithScanner } from './startPlatformWithScanner';
export type { PlatformWithScanner } from './startPlatformWithScanner';
