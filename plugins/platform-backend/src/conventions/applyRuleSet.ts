import type { EffectiveConventionRule } from '@catalyst/conventions';
import type { ConventionRuleRecord } from '@catalyst/plugin-platform-common';
import type {
  ConventionJsonValue,
  ConventionPack,
} from '@catalyst/plugin-platform-node';

/**
 * The packs as the platform's rule set has them for one component: a rule a
 * platform admin switched off is off, and the component's own row wins over
 * the platform-wide row (its `config` merged over the pack's). A rule a row
 * switched off says which row did, for the drift report's evidence; the
 * repository's catalyst.yaml is applied later and wins over both. Without a
 * component, the platform-wide rule set.
 */
export function applyRuleSet(
  packs: readonly ConventionPack[],
  rules: readonly ConventionRuleRecord[],
  entityRef?: string,
): ConventionPack[] {
  return packs.map(pack => ({
    ...pack,
    rules: pack.rules.map((rule): EffectiveConventionRule => {
      const rows = rules.filter(
        row => row.packId === pack.id && row.ruleName === rule.ruleName,
      );
      const component = entityRef
        ? rows.find(row => row.entityRef === entityRef)
        : undefined;
      const decided =
        component ?? rows.find(row => row.entityRef === undefined);
      const enabled = decided?.enabled ?? rule.enabled;
      const effective: EffectiveConventionRule = {
        ...rule,
        enabled,
        config: component
          ? {
              ...rule.config,
              ...(component.config as Record<string, ConventionJsonValue>),
            }
          : rule.config,
      };
      if (!enabled && decided) {
        effective.overriddenBy = component
          ? `convention rule ${component.id} disables it for ${entityRef} (since ${component.updatedAt})`
          : `convention rule ${decided.id} disables it platform-wide`;
      }
      return effective;
    }),
  }));
}
