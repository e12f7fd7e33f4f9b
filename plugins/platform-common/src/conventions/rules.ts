import type { ConventionDriftItem, ConventionRuleRecord } from './api';

/**
 * One rule of a component's pack as it applies to the component: the
 * platform-wide row, overlaid by the component's own row, overlaid by the
 * repository's catalyst.yaml. `source` names the layer that decided it.
 *
 * @public
 */
export interface ConventionEffectiveRule {
  packId: string;
  ruleName: string;
  ruleType: ConventionRuleRecord['ruleType'];
  required: boolean;
  enabled: boolean;
  config: Record<string, unknown>;
  source: 'platform' | 'component' | 'catalyst.yaml';
  /** The rule's status in the component's drift report. */
  status?: ConventionDriftItem['status'];
  platformRule?: ConventionRuleRecord;
  componentRule?: ConventionRuleRecord;
}

/**
 * `GET /conventions/:kind/:namespace/:name/rules`: the rules of the
 * component's pack as they apply to it.
 *
 * @public
 */
export interface ConventionEffectiveRules {
  entityRef: string;
  pack: { id: string; title: string };
  items: ConventionEffectiveRule[];
}

/**
 * Body of `PUT /conventions/:kind/:namespace/:name/rules/:ruleName`: the
 * component's own setting of a rule; `config` is merged over the pack's.
 *
 * @public
 */
export interface ConventionComponentRuleInput {
  enabled: boolean;
  config?: Record<string, unknown>;
}
