import { ConventionRuleType } from '../packs/types';
import { ConventionDiagnostic } from '../config/readCatalystConfig';

/**
 * `overridden`: catalyst.yaml turns the item off or ignores it; `unchecked`:
 * the rule cannot be checked from the checkout's files.
 *
 * @public
 */
export type DriftStatus =
  | 'pass'
  | 'drift'
  | 'missing'
  | 'overridden'
  | 'unchecked';

/**
 * The outcome for one standard file or rule.
 *
 * @public
 */
export interface DriftReport {
  kind: 'file' | 'rule';
  /** File path, or rule name. */
  name: string;
  ruleType?: ConventionRuleType;
  required: boolean;
  status: DriftStatus;
  evidence: string[];
  /** Unified-diff excerpt from the standard to the checkout's file. */
  diff?: string;
}

/**
 * Everything a convention check found in one checkout.
 *
 * @public
 */
export interface ConventionsCheck {
  repoDir: string;
  pack: { id: string; title: string; reason: string };
  reports: DriftReport[];
  warnings: ConventionDiagnostic[];
  summary: Record<DriftStatus, number>;
  /** True when any report is `drift` or `missing`. */
  drifted: boolean;
}
