import { CheckoutPathError, GuardedCheckout } from '@catalyst/checkout-guard';
import { ConventionPack } from '../packs/types';
import { compareFileContent } from '../compare/compareFileContent';
import {
  CATALYST_CONFIG_FILE,
  ConventionDiagnostic,
  readCatalystConfig,
} from '../config/readCatalystConfig';
import {
  EffectiveConventionFile,
  resolveConventions,
  ResolvedConventions,
} from '../resolve/resolveConventions';
import { selectConventionPack } from '../resolve/selectConventionPack';
import { checkRule } from './checkRule';
import { ConventionsCheck, DriftReport, DriftStatus } from './types';

/**
 * Thrown when catalyst.yaml or the pack choice stops a check; each diagnostic
 * names the file and line.
 *
 * @public
 */
export class ConventionsConfigError extends Error {
  readonly name = 'ConventionsConfigError';
  constructor(readonly diagnostics: ConventionDiagnostic[]) {
    super(
      diagnostics
        .map(d => `${d.file}${d.line ? `:${d.line}` : ''}: ${d.message}`)
        .join('\n'),
    );
  }
}

/**
 * Options of a convention check.
 *
 * @public
 */
export interface DetectConventionDriftOptions {
  repoDir: string;
  packs: readonly ConventionPack[];
  /** Pack id that wins over catalyst.yaml and detection. */
  packId?: string;
}

/** Reads catalyst.yaml, picks the pack and merges the overrides into it. */
export async function loadConventions(
  options: DetectConventionDriftOptions,
): Promise<{ resolved: ResolvedConventions; reason: string }> {
  const config = await readCatalystConfig(options.repoDir);
  if (config.errors.length > 0) {
    throw new ConventionsConfigError(config.errors);
  }
  const named = options.packId
    ? { id: options.packId, source: '--pack' }
    : config.overrides.pack && {
        id: config.overrides.pack,
        source: `${CATALYST_CONFIG_FILE}:${
          config.lineOf(['conventions', 'pack']) ?? 1
        }`,
      };
  let selected;
  try {
    selected = await selectConventionPack(
      options.repoDir,
      options.packs,
      named || undefined,
    );
  } catch (error) {
    throw new ConventionsConfigError([
      {
        severity: 'error',
        file: options.packId ? '--pack' : CATALYST_CONFIG_FILE,
        line: options.packId
          ? undefined
          : config.lineOf(['conventions', 'pack']),
        message: (error as Error).message,
      },
    ]);
  }
  if (!selected) {
    throw new ConventionsConfigError([
      {
        severity: 'error',
        file: options.repoDir,
        message: `no convention pack matches this checkout; name one with --pack or conventions.pack in ${CATALYST_CONFIG_FILE} (${options.packs
          .map(pack => pack.id)
          .join(', ')})`,
      },
    ]);
  }
  return {
    resolved: resolveConventions(
      selected.pack,
      config.overrides,
      config.lineOf,
    ),
    reason: selected.reason,
  };
}

function checkFile(
  checkout: GuardedCheckout,
  file: EffectiveConventionFile,
): DriftReport {
  const base = {
    kind: 'file' as const,
    name: file.path,
    required: file.required,
  };
  if (file.overriddenBy) {
    return { ...base, status: 'overridden', evidence: [file.overriddenBy] };
  }
  let actual: string | undefined;
  try {
    actual = checkout.readTextIfExists(file.path);
  } catch (error) {
    if (!(error instanceof CheckoutPathError)) throw error;
    // The refusal says why; the content is never read, so never shown.
    return {
      ...base,
      status: 'drift',
      evidence: [`${error.message}: not read`],
    };
  }
  if (actual === undefined) {
    return { ...base, status: 'missing', evidence: [`${file.path} not found`] };
  }
  if (file.match === 'exists') {
    return { ...base, status: 'pass', evidence: ['present'] };
  }
  const comparison = compareFileContent(file, actual);
  return comparison.matches
    ? { ...base, status: 'pass', evidence: ['matches the standard'] }
    : {
        ...base,
        status: 'drift',
        evidence: comparison.evidence,
        ...(comparison.diff ? { diff: comparison.diff } : {}),
      };
}

/** Checks files and rules of already resolved conventions. */
export async function checkResolvedConventions(
  repoDir: string,
  resolved: ResolvedConventions,
  reason: string,
): Promise<ConventionsCheck> {
  const checkout = GuardedCheckout.open(repoDir);
  let files: string[] | undefined;
  const context = {
    repoDir,
    listFiles: async () => (files ??= checkout.listFiles(resolved.isIgnored)),
    exists: async (path: string) => checkout.exists(path),
  };
  const reports: DriftReport[] = resolved.files.map(file =>
    checkFile(checkout, file),
  );
  for (const rule of resolved.rules) {
    const base = {
      kind: 'rule' as const,
      name: rule.ruleName,
      ruleType: rule.ruleType,
      required: rule.required,
    };
    if (!rule.enabled) {
      reports.push({
        ...base,
        status: 'overridden',
        evidence: [rule.overriddenBy ?? 'disabled by the pack'],
      });
    } else {
      reports.push({ ...base, ...(await checkRule(rule, context)) });
    }
  }
  const summary: Record<DriftStatus, number> = {
    pass: 0,
    drift: 0,
    missing: 0,
    overridden: 0,
    unchecked: 0,
  };
  for (const report of reports) summary[report.status]++;
  return {
    repoDir,
    pack: { id: resolved.pack.id, title: resolved.pack.title, reason },
    reports,
    warnings: resolved.warnings,
    summary,
    drifted: summary.drift + summary.missing > 0,
  };
}

/**
 * Compares a checkout with its convention pack as overridden by the
 * checkout's catalyst.yaml.
 *
 * @public
 */
export async function detectConventionDrift(
  options: DetectConventionDriftOptions,
): Promise<ConventionsCheck> {
  const { resolved, reason } = await loadConventions(options);
  return checkResolvedConventions(options.repoDir, resolved, reason);
}
