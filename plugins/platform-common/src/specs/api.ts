// Type-only: erased at build, so this isomorphic package does not load the Node-only parser.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import type {
  SpecClarification,
  SpecDiagnostic,
  SpecFile,
  SpecFileKind,
  SpecRequirement,
  SpecTask,
  SpecTaskCounts,
  SpecUserStory,
} from '@catalyst/spec-kit';

/**
 * A spec folder as the portfolio lists it.
 *
 * @public
 */
export interface SpecSummary {
  /** The component the folder belongs to (`component:default/payments-api`). */
  entityRef: string;
  /** The folder's own catalog entity (`spec:default/payments-api-001-auth`). */
  specEntityRef: string;
  /** Folder path in the repository (`specs/001-auth`). */
  path: string;
  slug: string;
  number?: number;
  title: string;
  /** As written in the spec (`draft`, `in progress`), lower-cased; `unknown` when absent. */
  status: string;
  /** Listed in the repository's root AGENTS.md (FR-SPEC-006). */
  active: boolean;
  archived: boolean;
  owner?: string;
  system?: string;
  /** Which documents exist (spec, plan, tasks...). */
  documents: SpecFileKind[];
  counts: SpecTaskCounts;
  /** done / total, 0..1, counting tasks completed by merged pull requests. */
  completion: number;
  contentHash: string;
  /** When the folder's content last changed, ISO 8601. */
  updatedAt: string;
  /** When the folder was last read from its source, ISO 8601. */
  lastSyncedAt: string;
}

/**
 * A pull request linked to a spec through a conventional-commit scope.
 *
 * @public
 */
export interface SpecPullRequest {
  repository: string;
  number: number;
  title: string;
  url?: string;
  mergedAt?: string;
  /** Task ids the pull request completed. */
  taskIds: string[];
}

/** @public */
export interface SpecTaskView extends SpecTask {
  /** Done in the markdown, or by a merged pull request that named it. */
  completedBy?: 'markdown' | 'pull-request';
  linkedPrNumber?: number;
  linkedPrUrl?: string;
}

/** @public */
export interface SpecDetail extends SpecSummary {
  branch?: string;
  created?: string;
  files: SpecFile[];
  tasks: SpecTaskView[];
  userStories: SpecUserStory[];
  requirements: SpecRequirement[];
  successCriteria: SpecRequirement[];
  clarifications: SpecClarification[];
  pullRequests: SpecPullRequest[];
  diagnostics: SpecDiagnostic[];
}

/** @public */
export interface SpecFileContent {
  path: string;
  kind: SpecFileKind;
  /** The file's text (markdown, YAML...). */
  content: string;
  /** `text/markdown`, `application/yaml`, `application/json` or `text/plain`. */
  mediaType: string;
}

/**
 * Filters of the portfolio listing, `GET /api/platform/specs`.
 *
 * @public
 */
export interface SpecListQuery {
  /** Component entity ref. */
  entityRef?: string;
  /** Owner entity ref (`group:default/payments-team`). */
  owner?: string;
  status?: string;
  /** Inclusive bounds on completion, 0..1. */
  minCompletion?: number;
  maxCompletion?: number;
  /** Free text over slug and title. */
  search?: string;
  orderBy?:
    | 'entityRef'
    | 'slug'
    | 'title'
    | 'status'
    | 'completion'
    | 'updatedAt';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** @public */
export interface SpecListResponse {
  items: SpecSummary[];
  totalCount: number;
}

/** @public */
export interface SpecRefreshResponse {
  entityRef: string;
  /** Folders whose content changed and were written. */
  updated: number;
  /** Folders whose content hash was unchanged. */
  unchanged: number;
  /** Folders that disappeared from the repository. */
  removed: number;
}
