import { Entity } from '@backstage/catalog-model';
import { RuleApplication } from '@catalyst/plugin-observability-common';
import { PrometheusClient } from '../clients/PrometheusClient';
import { PrometheusRuleGroupDefinition } from './renderGoldenSignalRules';

/** An entity's rendered rules, ready to be handed to Prometheus. */
export type RuleApplicationRequest = {
  prometheus: PrometheusClient;
  entity: Entity;
  entityRef: string;
  /** Empty when the entity has no enabled rules: whatever was applied before goes. */
  groups: PrometheusRuleGroupDefinition[];
  /** The groups as a rule file; undefined when there are none. */
  yaml: string | undefined;
  validatedWithPromtool: boolean;
};

/** Hands an entity's rendered rules to Prometheus: rule files or PrometheusRule objects. */
export interface RuleApplier {
  apply(request: RuleApplicationRequest): Promise<RuleApplication>;
}
