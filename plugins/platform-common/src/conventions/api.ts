/**
 * A rule of the platform's convention rule set (a `convention_rules` row).
 * `entityRef` is absent for the platform-wide rule.
 *
 * @public
 */
export interface ConventionRuleRecord {
  id: number;
  entityRef?: string;
  packId: string;
  ruleType: 'lint' | 'commit' | 'branch' | 'test';
  ruleName: string;
  config: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * The convention pull request of a component, as last opened or updated.
 *
 * @public
 */
export interface ConventionPullRequest {
  repository: string;
  branch: string;
  number: number;
  url: string;
  /** Files the last fix wrote. */
  files: string[];
  updatedAt: string;
}

/**
 * One standard file or rule of a drift report.
 *
 * @public
 */
export interface ConventionDriftItem {
  kind: 'file' | 'rule';
  name: string;
  ruleType?: 'lint' | 'commit' | 'branch' | 'test';
  required: boolean;
  status: 'pass' | 'drift' | 'missing' | 'overridden' | 'unchecked';
  evidence: string[];
  diff?: string;
}

/**
 * `GET /conventions/:kind/:namespace/:name`: the component's drift against
 * its pack and the open convention pull request.
 *
 * @public
 */
export interface ConventionsReport {
  entityRef: string;
  pack: { id: string; title: string; reason: string };
  drifted: boolean;
  summary: Record<ConventionDriftItem['status'], number>;
  items: ConventionDriftItem[];
  warnings: { file: string; line?: number; message: string }[];
  pullRequest?: ConventionPullRequest;
}

/**
 * `POST /conventions/:kind/:namespace/:name/fix`: what the fix did.
 * `up-to-date` means no standard file was missing or drifted.
 *
 * @public
 */
export interface ConventionsFixResponse {
  entityRef: string;
  status: 'opened' | 'updated' | 'up-to-date';
  branch: string;
  files: string[];
  pullRequest?: ConventionPullRequest;
  /** The commit pushed to the branch; absent when nothing was pushed. */
  commitSha?: string;
}

/**
 * One component's compliance as last scanned: by the scheduled drift scanner
 * or by the last time its report was read.
 *
 * @public
 */
export interface ConventionComplianceRow {
  entityRef: string;
  packId: string;
  drifted: boolean;
  summary: Record<ConventionDriftItem['status'], number>;
  /** Standard files and rules that drifted or are missing. */
  driftedItems: string[];
  warningCount: number;
  pullRequest?: ConventionPullRequest;
  /** The open `convention_fix` task, if one is queued or waiting for approval. */
  openTaskId?: number;
  scannedAt: string;
}

/**
 * `GET /conventions?drifted=&packId=&q=&offset=&limit=`: compliance across
 * every scanned component, ordered drifted first, then by entity ref.
 *
 * @public
 */
export interface ConventionComplianceOverview {
  items: ConventionComplianceRow[];
  totalCount: number;
  offset: number;
  limit: number;
  /** Over every scanned component, not only this page. */
  totals: { components: number; compliant: number; drifted: number };
}
