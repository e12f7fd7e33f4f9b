import {
  ConventionJsonValue,
  ConventionPack,
  ConventionRule,
  ConventionStandardFile,
} from '../packs/types';
import ignore from 'ignore';
import { ConventionsOverrides } from '../config/catalystConfigSchema';
import {
  CATALYST_CONFIG_FILE,
  ConventionDiagnostic,
} from '../config/readCatalystConfig';

/**
 * A standard file after catalyst.yaml: `overriddenBy` says why it is left out.
 *
 * @public
 */
export interface EffectiveConventionFile extends ConventionStandardFile {
  overriddenBy?: string;
}

/**
 * A pack rule after catalyst.yaml: merged config, and why it is off if it is.
 *
 * @public
 */
export interface EffectiveConventionRule extends ConventionRule {
  overriddenBy?: string;
}

/**
 * A pack merged with a project's overrides.
 *
 * @public
 */
export interface ResolvedConventions {
  pack: ConventionPack;
  files: EffectiveConventionFile[];
  rules: EffectiveConventionRule[];
  /** True for paths catalyst.yaml `ignore:` excludes; never read or written. */
  isIgnored(path: string): boolean;
  warnings: ConventionDiagnostic[];
}

function at(line: number | undefined): string {
  return line ? `${CATALYST_CONFIG_FILE}:${line}` : CATALYST_CONFIG_FILE;
}

/**
 * Applies catalyst.yaml overrides to a pack. Project settings win; switching
 * off something the pack marks required is allowed but warned about. A pack
 * rule may already carry `overriddenBy` (the platform's rule set switched it
 * off); it is kept unless catalyst.yaml decides the rule.
 *
 * @public
 */
export function resolveConventions(
  pack: ConventionPack,
  overrides: ConventionsOverrides,
  lineOf: (path: readonly PropertyKey[]) => number | undefined = () =>
    undefined,
): ResolvedConventions {
  const warnings: ConventionDiagnostic[] = [];
  const warn = (path: PropertyKey[], message: string) =>
    warnings.push({
      severity: 'warning',
      file: CATALYST_CONFIG_FILE,
      line: lineOf(['conventions', ...path]),
      message,
    });

  const ignorePatterns = overrides.ignore ?? [];
  const matcher = ignore().add(ignorePatterns);
  const isIgnored = (path: string) => path !== '' && matcher.ignores(path);

  const fileOverrides = overrides.files ?? {};
  const knownPaths = new Set(pack.files.map(file => file.path));
  for (const path of Object.keys(fileOverrides)) {
    if (!knownPaths.has(path)) {
      warn(['files', path], `pack "${pack.id}" has no standard file "${path}"`);
    }
  }
  const files = pack.files.map((file): EffectiveConventionFile => {
    if (fileOverrides[file.path] === false) {
      if (file.required) {
        warn(
          ['files', file.path],
          `"${file.path}" is required by pack "${pack.id}" but catalyst.yaml turns it off`,
        );
      }
      return {
        ...file,
        overriddenBy: `${at(
          lineOf(['conventions', 'files', file.path]),
        )} files`,
      };
    }
    const pattern = ignorePatterns.findIndex(glob =>
      ignore().add(glob).ignores(file.path),
    );
    if (pattern >= 0) {
      if (file.required) {
        warn(
          ['ignore', pattern],
          `"${file.path}" is required by pack "${pack.id}" but catalyst.yaml ignores it`,
        );
      }
      return {
        ...file,
        overriddenBy: `${at(
          lineOf(['conventions', 'ignore', pattern]),
        )} ignore "${ignorePatterns[pattern]}"`,
      };
    }
    return file;
  });

  const ruleOverrides = overrides.rules ?? {};
  const knownRules = new Set(pack.rules.map(rule => rule.ruleName));
  for (const name of Object.keys(ruleOverrides)) {
    if (!knownRules.has(name)) {
      warn(['rules', name], `pack "${pack.id}" has no rule "${name}"`);
    }
  }
  const rules = pack.rules.map((rule: EffectiveConventionRule) => {
    const override = ruleOverrides[rule.ruleName];
    if (override === undefined) return rule;
    const disabledHere = override === false || override.enabled === false;
    const enabled =
      override === false ? false : override.enabled ?? rule.enabled;
    const config =
      override === false || !override.config
        ? rule.config
        : {
            ...rule.config,
            ...(override.config as Record<string, ConventionJsonValue>),
          };
    const line = lineOf(['conventions', 'rules', rule.ruleName]);
    if (disabledHere && rule.required) {
      warn(
        ['rules', rule.ruleName],
        `rule "${rule.ruleName}" is required by pack "${pack.id}" but catalyst.yaml disables it`,
      );
    }
    // Off without catalyst.yaml saying so: whoever switched it off before keeps the credit.
    let overriddenBy = disabledHere ? `${at(line)} rules` : rule.overriddenBy;
    if (enabled) overriddenBy = undefined;
    return { ...rule, enabled, config, overriddenBy };
  });

  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { pack, files, rules, isIgnored, warnings };
}
