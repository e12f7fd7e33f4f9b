/**
 * What a Spec Kit folder is made of. The JSON printed by `catalyst specs --json`
 * and stored by the platform backend is exactly these types.
 */

/** @public */
export type SpecFileKind =
  | 'spec'
  | 'plan'
  | 'tasks'
  | 'quickstart'
  | 'research'
  | 'data-model'
  | 'contract'
  | 'checklist'
  | 'agent-context'
  | 'other';

/** @public */
export interface SpecFile {
  /** Path relative to the spec folder, with forward slashes (`contracts/api.yaml`). */
  path: string;
  kind: SpecFileKind;
  /** Size in bytes. */
  size: number;
  /** sha256 of the content, hex; absent for files that were skipped. */
  sha256?: string;
  /** Why the file's content was not read or not parsed; absent for files that were. */
  skipped?: SpecFileSkipReason;
}

/**
 * `too-large` (over 2 MB) and `outside-tree` (a link leaving the tree) are
 * never read; `unreadable` failed to read; `not-utf8` was read and hashed but
 * not decoded.
 *
 * @public
 */
export type SpecFileSkipReason =
  | 'too-large'
  | 'not-utf8'
  | 'outside-tree'
  | 'unreadable';

/** @public */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** @public */
export interface SpecDiagnostic {
  /** Path relative to the root the caller gave (`specs/010-platform/tasks.md`). */
  file: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  severity: DiagnosticSeverity;
  message: string;
}

/**
 * `open` is `[ ]`, `done` is `[x]` or `[X]`; other marks keep a state of their
 * own: `[~]`, `[/]`, `[>]`, `[⏳]` are `in-progress`, `[-]` is `cancelled`,
 * `[!]` is `blocked`, anything else `other`. The raw mark is in `SpecTask.mark`.
 *
 * @public
 */
export type SpecTaskState =
  | 'open'
  | 'done'
  | 'in-progress'
  | 'cancelled'
  | 'blocked'
  | 'other';

/** @public */
export interface SpecTask {
  /** `T001`, `T002b`; absent for tasks written without an id. */
  id?: string;
  /** How a heading task without a `T001` id is numbered (`Task 3`). */
  label?: string;
  state: SpecTaskState;
  done: boolean;
  /** The character(s) between the checkbox brackets (` `, `x`, `~`, `⏳`); empty for heading tasks. */
  mark: string;
  /** `[P]`: can run in parallel with other tasks. */
  parallel: boolean;
  /** Story references as written (`US1`, `US-1`, `US1.5`), split when combined (`[US1/US2]`). */
  stories: string[];
  /** Other bracket tags, as written without brackets (`Spike`). */
  tags: string[];
  /**
   * The `## Phase ...` heading the task sits under (the innermost heading that
   * starts with "Phase"); absent when the task sits under another heading.
   */
  phase?: string;
  /** The `##` heading the task sits under, phase or not. */
  section?: string;
  /** The task's text without checkbox, id and bracket tags. */
  description: string;
  /** 1-based line in tasks.md. */
  line: number;
  /** Nested sub-bullets and continuation lines, as text. */
  details: string[];
  /** How the task was written. */
  source: 'checkbox' | 'heading';
}

/** @public */
export interface SpecUserStory {
  /** `US1` style id derived from the story's number (`User Story 1` → `US1`). */
  id: string;
  number: number;
  title: string;
  /** `P1`, `P2`... when given. */
  priority?: string;
  line: number;
}

/** @public */
export interface SpecRequirement {
  /** `FR-001`, `FR-SPEC-006`, `SC-003`. */
  id: string;
  text: string;
  line: number;
}

/** @public */
export interface SpecClarification {
  /** The question inside `[NEEDS CLARIFICATION: ...]`. */
  text: string;
  file: string;
  line: number;
}

/** @public */
export interface SpecTaskCounts {
  total: number;
  done: number;
  open: number;
  /** Tasks in any other state. */
  other: number;
}

/** @public */
export interface SpecFolder {
  /** Folder path relative to the directory given (`specs/010-platform`). */
  path: string;
  /** Folder name (`010-platform`, `20250101-120000-login`). */
  slug: string;
  /** `10` for `010-platform`; the timestamp's number for timestamped folders. */
  number?: number;
  /** The slug without its number prefix (`platform`). */
  shortName: string;
  /** True for folders under an archive folder (`specs/_archive/...`). */
  archived: boolean;
  title?: string;
  /** Spec id from a `**Spec**: 010-platform` header line or `spec:` frontmatter. */
  specId?: string;
  /** Status from the header lines or frontmatter, lower-cased (`draft`). */
  status?: string;
  /** Feature branch named in the header. */
  branch?: string;
  /** Created date as written (`2025-01-15`). */
  created?: string;
  files: SpecFile[];
  tasks: SpecTask[];
  counts: SpecTaskCounts;
  /** done / total, 0 when there are no tasks; two decimals. */
  completion: number;
  userStories: SpecUserStory[];
  requirements: SpecRequirement[];
  successCriteria: SpecRequirement[];
  clarifications: SpecClarification[];
  /** sha256 over the folder's file paths and contents: unchanged folder, same hash. */
  contentHash: string;
}

/** @public */
export interface SpecIndex {
  specs: SpecFolder[];
  diagnostics: SpecDiagnostic[];
}
