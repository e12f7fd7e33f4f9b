import { GuardedCheckout } from '@catalyst/checkout-guard';
import { promises as fs } from 'node:fs';
import { join as joinPath } from 'node:path';
import {
  checkResolvedConventions,
  DetectConventionDriftOptions,
  loadConventions,
} from '../drift/detectConventionDrift';
import { ConventionsCheck } from '../drift/types';

/**
 * What a fix wrote and the check that followed it.
 *
 * @public
 */
export interface ConventionsFixResult {
  written: string[];
  check: ConventionsCheck;
}

/**
 * Writes the standard files that are missing or drifted. Files turned off or
 * ignored by catalyst.yaml are never written; rules are only reported.
 *
 * @public
 */
export async function fixConventionDrift(
  options: DetectConventionDriftOptions,
): Promise<ConventionsFixResult> {
  const { resolved, reason } = await loadConventions(options);
  const before = await checkResolvedConventions(
    options.repoDir,
    resolved,
    reason,
  );
  const checkout = GuardedCheckout.open(options.repoDir);
  const written: string[] = [];
  for (const file of resolved.files) {
    const report = before.reports.find(
      r => r.kind === 'file' && r.name === file.path,
    );
    const needsWrite =
      report?.status === 'missing' || report?.status === 'drift';
    if (!needsWrite || file.overriddenBy || resolved.isIgnored(file.path)) {
      continue;
    }
    // Never through a symlink: a fix writes inside the checkout or not at all.
    checkout.writeText(file.path, file.content);
    if (file.executable) {
      await fs.chmod(joinPath(checkout.root, file.path), 0o755);
    }
    written.push(file.path);
  }
  return {
    written,
    check: await checkResolvedConventions(options.repoDir, resolved, reason),
  };
}
