import type { ConventionRuleRecord } from '@catalyst/plugin-platform-common';
import type { ConventionPack } from '@catalyst/plugin-platform-node';

/**
 * The packs as the platform's rule set has them for one component: a rule a
 * platform admin switched off is off, and a row for the component itself
 * wins over the platform-wide row. Without a component, the platform-wide
 * rule set.
 */
export function applyRuleSet(
  packs: readonly ConventionPack[],
  rules: readonly ConventionRuleRecord[],
  entityRef?: string,
): ConventionPack[] {
  const enabledOf = (packId: string, ruleName: string) => {
    const rows = rules.filter(
      row => row.packId === packId && row.ruleName === ruleName,
    );
    return (
      rows.find(row => entityRef && row.entityRef === entityRef) ??
      rows.find(row => row.entityRef === undefined)
    )?.enabled;
  };
  return packs.map(pack => ({
    ...pack,
    rules: pack.rules.map(rule => ({
      ...rule,
      enabled: enabledOf(pack.id, rule.ruleName) ?? rule.enabled,
    })),
  }));
}
