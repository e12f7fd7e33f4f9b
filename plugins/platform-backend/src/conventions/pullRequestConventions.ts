import { parseCatalystConfig, resolveConventions } from '@catalyst/conventions';
import type { ConventionPack } from '@catalyst/plugin-platform-node';
import { PullRequestFinding, selectPackForPaths } from './pullRequestChecks';

/** The conventions a pull request is checked against, as its catalyst.yaml has them. */
export interface PullRequestConventions {
  /** The pack with catalyst.yaml's rule overrides applied; none when no pack applies. */
  pack?: ConventionPack;
  /** Paths catalyst.yaml `ignore:` excludes from the checks. */
  isIgnored(path: string): boolean;
  /** catalyst.yaml's errors (the check fails) and warnings, on their lines. */
  findings: PullRequestFinding[];
}

/** The repository's convention overrides, read at the pull request's head. */
export const CATALYST_CONFIG_FILE = 'catalyst.yaml';

const nothingIgnored = () => false;

/**
 * Resolves the pack of a pull request's head: the one catalyst.yaml names,
 * else the one its tree is detected as, with catalyst.yaml's disabled and
 * re-configured rules and ignored paths. A catalyst.yaml that does not parse
 * or names an unknown pack gives error findings and no pack.
 */
export function resolvePullRequestConventions(
  packs: readonly ConventionPack[],
  paths: ReadonlySet<string>,
  configText: string | undefined,
): PullRequestConventions {
  const config =
    configText === undefined ? undefined : parseCatalystConfig(configText);
  const finding = (
    level: PullRequestFinding['level'],
    message: string,
    line?: number,
  ): PullRequestFinding => ({
    check: 'catalyst-yaml',
    level,
    path: CATALYST_CONFIG_FILE,
    ...(line ? { line } : {}),
    message,
  });
  if (config?.errors.length) {
    return {
      isIgnored: nothingIgnored,
      findings: config.errors.map(error =>
        finding('failure', error.message, error.line),
      ),
    };
  }
  const named = config?.overrides.pack;
  const pack = named
    ? packs.find(candidate => candidate.id === named)
    : selectPackForPaths(packs, paths);
  if (named && !pack) {
    return {
      isIgnored: nothingIgnored,
      findings: [
        finding(
          'failure',
          `conventions.pack: no convention pack "${named}" (${packs
            .map(p => p.id)
            .join(', ')})`,
          config?.lineOf(['conventions', 'pack']),
        ),
      ],
    };
  }
  if (!pack) return { isIgnored: nothingIgnored, findings: [] };
  if (!config) return { pack, isIgnored: nothingIgnored, findings: [] };
  const resolved = resolveConventions(pack, config.overrides, config.lineOf);
  return {
    pack: { ...pack, rules: resolved.rules },
    isIgnored: resolved.isIgnored,
    findings: resolved.warnings.map(warning =>
      finding('warning', warning.message, warning.line),
    ),
  };
}
