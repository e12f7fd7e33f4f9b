import { GoldenSignalName } from './goldenSignals';

/**
 * How one golden signal moved: its mean before the alert started and while it fired.
 *
 * @public
 */
export type InvestigationSignalChange = {
  signal: GoldenSignalName;
  /** The series within the signal: `errors`, `traffic`, `p99`, `cpu`, ... */
  series: string;
  unit: 'seconds' | 'requests_per_second' | 'ratio';
  before: number | null;
  during: number | null;
  /** `during / before`; absent when there was nothing before (from zero) or no data. */
  factor?: number;
  /** Unix ms when the series first crossed half-way from `before` to `during`. */
  onset?: number;
};

/**
 * Error log lines of the window that share a message once numbers, ids and quoted values
 * are masked.
 *
 * @public
 */
export type InvestigationLogPattern = {
  pattern: string;
  example: string;
  /** Lines before the alert started. */
  before: number;
  /** Lines since it started. */
  during: number;
  /** `during` as a share (0..1) of all error lines since the alert started. */
  shareOfDuring: number;
};

/**
 * A merged pull request of the component, or of a component it depends on.
 *
 * @public
 */
export type InvestigationChange = {
  entityRef: string;
  relation: 'self' | 'dependency';
  repository: string;
  number: number;
  title: string;
  url: string;
  mergedAt: string;
  mergeCommitSha?: string;
  /** Conventional-commit scopes of its title and commits. */
  scopes: string[];
  /** Spec task ids (`T012`) its title, body or commits mention. */
  specTasks: string[];
};

/**
 * A deployment (GitHub's deployments API) of the component's repository, or of the
 * repository of a component it depends on.
 *
 * @public
 */
export type InvestigationDeployment = {
  entityRef: string;
  relation: 'self' | 'dependency';
  repository: string;
  /** GitHub's deployment id. */
  id: number;
  environment: string;
  /** The branch, tag or SHA that was deployed, and the commit it was. */
  ref: string;
  sha: string;
  description?: string;
  createdAt: string;
  /** The repository's deployments page of the environment. */
  url: string;
};

/**
 * One probable cause, with why it is ranked where it is.
 *
 * @public
 */
export type InvestigationCause = {
  rank: number;
  kind: 'change' | 'deployment' | 'log_pattern';
  /** 0..1, higher first. */
  score: number;
  title: string;
  reason: string;
  url?: string;
};

/**
 * What Catalyst found about one firing episode of an alert, deterministic and stored.
 *
 * @public
 */
export type IncidentInvestigation = {
  id: number;
  taskId?: number;
  entityRef: string;
  fingerprint: string;
  alertName: string;
  /** RFC 3339: the start of the firing episode (flapping continues the episode). */
  episodeStart: string;
  /** Unix ms: the window the evidence was read from. */
  window: { start: number; end: number };
  signals: InvestigationSignalChange[];
  logPatterns: InvestigationLogPattern[];
  /** How many error lines the patterns were built from, and whether the store had more. */
  logLines: { read: number; limitReached: boolean };
  relatedAlerts: {
    alertName: string;
    fingerprint: string;
    status: 'firing' | 'resolved';
    startsAt: string;
  }[];
  changes: InvestigationChange[];
  /** Deployments in the same window; absent from records stored before they were read. */
  deployments?: InvestigationDeployment[];
  causes: InvestigationCause[];
  issue?: { number: number; url: string };
  /** What could not be read and why. */
  warnings: string[];
  createdAt: string;
  updatedAt: string;
};

/**
 * Answer of `GET /api/platform/investigations?entityRef=...`.
 *
 * @public
 */
export type InvestigationsResponse = {
  items: IncidentInvestigation[];
};
