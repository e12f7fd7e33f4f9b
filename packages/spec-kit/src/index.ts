/**
 * Parser for GitHub Spec Kit folders (`specs/NNN-slug/`): files, metadata,
 * user stories, requirements, clarifications and tasks. No Backstage
 * dependencies; the catalog module and the `catalyst specs` command build on it.
 *
 * @packageDocumentation
 */

export type * from './types';
export {
  indexSpecFiles,
  type IndexSpecFilesOptions,
} from './indexing/indexSpecFiles';
export {
  parseSpecFolder,
  MAX_SPEC_FILE_SIZE,
  type ParseSpecFolderOptions,
  type ParsedSpecFolder,
  type SkippedSpecSourceFile,
  type SpecSourceFile,
} from './folder/parseSpecFolder';
export {
  parseSpecFolderName,
  type SpecFolderName,
} from './folder/specFolderName';
export { classifySpecFile } from './folder/classifySpecFile';
export {
  parseTasksMarkdown,
  type ParsedTasks,
} from './tasks/parseTasksMarkdown';
export { parseSpecMarkdown, type ParsedSpec } from './spec/parseSpecMarkdown';
export {
  readDocumentHeader,
  type SpecDocumentHeader,
} from './markdown/readDocumentHeader';
export { findClarifications } from './markdown/findClarifications';
export { readSpecs, type ReadSpecsOptions } from './node/readSpecs';
export {
  readSpecsConfig,
  DEFAULT_SPECS_PATH,
  type SpecsConfig,
} from './config/readSpecsConfig';
