/**
 * Releases from the commit history: Conventional Commits read with
 * `conventional-commits-parser`, the next version, the changelog section in the
 * repository's own style and the version-file edits, for single packages and
 * npm / Yarn / pnpm / Cargo workspaces.
 *
 * @packageDocumentation
 */

export * from './git/GitRepository';
export * from './commits/parseCommit';
export * from './commits/readEntries';
export * from './commits/readChangesets';
export { fileReaderAt } from './config/FileReader';
export type { FileReader } from './config/FileReader';
export * from './config/readReleaseConfig';
export * from './versions/bump';
export * from './versions/releaseTags';
export * from './changelog/changelogStyle';
export * from './changelog/renderChangelog';
export * from './workspaces/findPackages';
export * from './versionFiles/versionFileEdits';
export * from './planRelease';
