import type {
  SpecClarification,
  SpecDiagnostic,
  SpecFile,
  SpecFileSkipReason,
  SpecFolder,
  SpecTask,
  SpecTaskCounts,
} from '../types';
import {
  readDocumentHeader,
  SpecDocumentHeader,
} from '../markdown/readDocumentHeader';
import { findClarifications } from '../markdown/findClarifications';
import { parseSpecMarkdown, ParsedSpec } from '../spec/parseSpecMarkdown';
import { parseTasksMarkdown } from '../tasks/parseTasksMarkdown';
import { classifySpecFile } from './classifySpecFile';
import { byPath, folderContentHash, sha256Hex } from './contentHash';
import { decodeUtf8, isBinaryFileName } from './decodeText';
import { isArchiveFolderName, parseSpecFolderName } from './specFolderName';

/**
 * A file handed to the indexer: its path (forward slashes) and its bytes.
 *
 * @public
 */
export interface SpecSourceFile {
  path: string;
  content: Uint8Array;
}

/**
 * A file that was not read, with the reason the reader gives. The filesystem
 * reader uses it for files over the size limit, links leaving the tree and
 * read errors.
 *
 * @public
 */
export interface SkippedSpecSourceFile {
  path: string;
  size: number;
  skipped: SpecFileSkipReason;
  severity: SpecDiagnostic['severity'];
  message: string;
}

/**
 * One parsed spec folder and the diagnostics about its files.
 *
 * @public
 */
export interface ParsedSpecFolder {
  folder: SpecFolder;
  diagnostics: SpecDiagnostic[];
  /** True when `previous` was returned because the content hash matched. */
  reused: boolean;
}

/** @public */
export interface ParseSpecFolderOptions {
  /** Whether the folder is archived; by default, whether a parent folder is `_archive`. */
  archived?: boolean;
  /** The last result for this folder: returned as is when its content hash matches. */
  previous?: { folder: SpecFolder; diagnostics: SpecDiagnostic[] };
}

/**
 * Files over this size are listed but not read.
 *
 * @public
 */
export const MAX_SPEC_FILE_SIZE = 2 * 1024 * 1024;

// Read for the folder's header, in this order of precedence.
const primaryDocuments = new Set(['spec.md', 'plan.md', 'tasks.md']);

/** Losing spec.md, plan.md or tasks.md loses the folder's substance: an error, not a warning. */
function isPrimaryDocument(path: string): boolean {
  return primaryDocuments.has(path);
}

/**
 * Parses one spec folder from its files. `path` is the folder's path relative
 * to the indexed root (`specs/010-platform`), used for the folder and in
 * diagnostics; file paths are relative to the folder (`contracts/api.yaml`).
 * spec.md and tasks.md are read with a block line scanner (no syntax tree);
 * plan.md's header is read with a line scan, and every text file is scanned for
 * `[NEEDS CLARIFICATION: ...]`. Content problems become diagnostics; this
 * function does not throw on file content.
 *
 * @public
 */
export function parseSpecFolder(
  path: string,
  files: Array<SpecSourceFile | SkippedSpecSourceFile>,
  options: ParseSpecFolderOptions = {},
): ParsedSpecFolder {
  const diagnostics: SpecDiagnostic[] = [];
  const rootPath = (file: string) => (path ? `${path}/${file}` : file);
  const specFiles: SpecFile[] = [];
  const readable: Array<{ file: SpecFile; content: Uint8Array }> = [];

  for (const entry of [...files].sort(byPath)) {
    const kind = classifySpecFile(entry.path);
    if ('skipped' in entry) {
      specFiles.push({
        path: entry.path,
        kind,
        size: entry.size,
        skipped: entry.skipped,
      });
      diagnostics.push({
        file: rootPath(entry.path),
        severity: isPrimaryDocument(entry.path) ? 'error' : entry.severity,
        message: entry.message,
      });
    } else if (entry.content.byteLength > MAX_SPEC_FILE_SIZE) {
      specFiles.push({
        path: entry.path,
        kind,
        size: entry.content.byteLength,
        skipped: 'too-large',
      });
      diagnostics.push({
        file: rootPath(entry.path),
        severity: isPrimaryDocument(entry.path) ? 'error' : 'warning',
        message: tooLargeMessage(entry.content.byteLength),
      });
    } else {
      const file: SpecFile = {
        path: entry.path,
        kind,
        size: entry.content.byteLength,
        sha256: sha256Hex(entry.content),
      };
      specFiles.push(file);
      readable.push({ file, content: entry.content });
    }
  }

  const contentHash = folderContentHash(specFiles);
  const previous = options.previous;
  if (
    previous &&
    previous.folder.path === path &&
    previous.folder.contentHash === contentHash
  ) {
    return {
      folder: previous.folder,
      diagnostics: previous.diagnostics,
      reused: true,
    };
  }

  const texts = new Map<string, string>();
  for (const { file, content } of readable) {
    if (isBinaryFileName(file.path)) continue;
    const text = decodeUtf8(content);
    if (text === undefined) {
      file.skipped = 'not-utf8';
      diagnostics.push({
        file: rootPath(file.path),
        severity: isPrimaryDocument(file.path) ? 'error' : 'warning',
        message: 'File is not valid UTF-8; listed and hashed but not read',
      });
    } else {
      texts.set(file.path, text);
    }
  }

  const headers: SpecDocumentHeader[] = [];
  for (const name of primaryDocuments) {
    const text = texts.get(name);
    if (text === undefined) continue;
    const header = readDocumentHeader(text, rootPath(name));
    headers.push(header.header);
    diagnostics.push(...header.diagnostics);
  }

  let spec: ParsedSpec | undefined;
  const specText = texts.get('spec.md');
  if (specText !== undefined) {
    spec = parseSpecMarkdown(specText, rootPath('spec.md'));
    diagnostics.push(...spec.diagnostics);
  }

  let tasks: SpecTask[] = [];
  const tasksText = texts.get('tasks.md');
  if (tasksText !== undefined) {
    const parsed = parseTasksMarkdown(tasksText, rootPath('tasks.md'));
    tasks = parsed.tasks;
    diagnostics.push(...parsed.diagnostics);
  }

  const clarifications: SpecClarification[] = [];
  for (const [file, text] of texts) {
    clarifications.push(...findClarifications(text, file));
  }

  const segments = path.split('/');
  const slug = segments[segments.length - 1];
  const name = parseSpecFolderName(slug);
  const counts = countTasks(tasks);
  const folder: SpecFolder = {
    path,
    slug,
    number: name?.number,
    shortName: name?.shortName ?? slug,
    archived:
      options.archived ?? segments.slice(0, -1).some(isArchiveFolderName),
    ...firstOf(headers),
    files: specFiles,
    tasks,
    counts,
    completion:
      counts.total === 0
        ? 0
        : Math.round((counts.done / counts.total) * 100) / 100,
    userStories: spec?.userStories ?? [],
    requirements: spec?.requirements ?? [],
    successCriteria: spec?.successCriteria ?? [],
    clarifications,
    contentHash,
  };
  return { folder, diagnostics, reused: false };
}

function countTasks(tasks: SpecTask[]): SpecTaskCounts {
  const counts: SpecTaskCounts = {
    total: tasks.length,
    done: 0,
    open: 0,
    other: 0,
  };
  for (const task of tasks) {
    if (task.state === 'done') counts.done++;
    else if (task.state === 'open') counts.open++;
    else counts.other++;
  }
  return counts;
}

/** Each field from the first document that has it: spec.md, then plan.md, then tasks.md. */
function firstOf(headers: SpecDocumentHeader[]): SpecDocumentHeader {
  const merged: SpecDocumentHeader = {};
  for (const header of headers) {
    for (const [key, value] of Object.entries(header) as Array<
      [keyof SpecDocumentHeader, string | undefined]
    >) {
      if (value !== undefined && merged[key] === undefined) merged[key] = value;
    }
  }
  return merged;
}

/** The diagnostic message for a file over {@link MAX_SPEC_FILE_SIZE}. */
export function tooLargeMessage(size: number): string {
  return `File is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${
    MAX_SPEC_FILE_SIZE / 1024 / 1024
  } MB limit; listed but not read`;
}
