/**
 * The release agent of the Catalyst platform: release pull requests from the
 * commit history, then tags and GitHub releases when they are merged.
 *
 * @packageDocumentation
 */

export { platformModuleRelease as default } from './module';
export { ReleaseExecutor } from './ReleaseExecutor';
export { componentRepository, ReleaseScanner } from './ReleaseScanner';
export type { ComponentRepository } from './ReleaseScanner';
export { ReleaseTagger } from './ReleaseTagger';
export type { PublishedRelease } from './ReleaseTagger';
export { detectReleaseAutomation } from './detectReleaseAutomation';
export type { ReleaseAutomation } from './detectReleaseAutomation';
