import {
  AlertRule,
  formatLabelMatcher,
  GoldenSignalMetrics,
  LabelMatcher,
} from '@catalyst/plugin-observability-common';
import { stringify } from 'yaml';
import { scopeEntityPromQL } from '../scope/scopeQuery';
import {
  BURN_RATE_WINDOWS,
  sliErrorRatio,
  sloErrorRatioRecord,
  SLO_WINDOWS,
} from './burnRateRules';
import { ENTITY_REF_LABEL, RULE_ID_LABEL, SIGNAL_LABEL } from './ruleLabels';
import {
  alertName,
  PrometheusRuleDefinition,
  thresholdExpression,
  thresholdSummary,
  valueTemplate,
} from './thresholdRules';

/** A Prometheus rule group as written into a rule file. */
export type PrometheusRuleGroupDefinition = {
  name: string;
  interval: string;
  rules: PrometheusRuleDefinition[];
};

/** What rendering needs besides the rules. */
export type RenderOptions = {
  entityRef: string;
  matchers: LabelMatcher[];
  metrics: GoldenSignalMetrics;
  evaluationInterval: string;
  rateWindow: string;
};

/**
 * Renders the enabled rules of one entity as one Prometheus rule group: a threshold alert
 * per rule, and for rules with an objective the SLO's recorded error ratios and its
 * multi-window multi-burn-rate alerts. Every expression that reads series is scoped to the
 * entity; alerts carry the entity ref, rule id and the scope's equality labels, so
 * Alertmanager can filter them by scope and Catalyst can link them back.
 */
export function renderGoldenSignalRules(
  rules: AlertRule[],
  options: RenderOptions,
): PrometheusRuleGroupDefinition[] {
  const enabled = rules.filter(r => r.enabled);
  if (enabled.length === 0) return [];
  const scopeLabels = Object.fromEntries(
    options.matchers.filter(m => m.op === '=').map(m => [m.name, m.value]),
  );
  const definitions: PrometheusRuleDefinition[] = [];
  for (const rule of enabled) {
    const labels = {
      ...scopeLabels,
      severity: rule.severity,
      [ENTITY_REF_LABEL]: options.entityRef,
      [RULE_ID_LABEL]: String(rule.id),
      [SIGNAL_LABEL]: rule.signalType,
    };
    if (rule.objective !== undefined) {
      definitions.push(...sloRules(rule, options, labels));
    } else {
      definitions.push({
        alert: alertName(rule),
        expr: scopeEntityPromQL(
          thresholdExpression(rule, options.metrics, options.rateWindow),
          options.matchers,
        ),
        for: rule.duration,
        labels,
        annotations: {
          summary: `${options.entityRef}: ${thresholdSummary(rule)} for ${
            rule.duration
          }`,
          description: `${
            rule.description ? `${rule.description}. ` : ''
          }Current value: ${valueTemplate(rule)}. Scope: ${options.matchers
            .map(formatLabelMatcher)
            .join(', ')}`,
        },
      });
    }
  }
  return [
    {
      name: `catalyst:${options.entityRef}`,
      interval: options.evaluationInterval,
      rules: definitions,
    },
  ];
}

function sloRules(
  rule: AlertRule,
  options: RenderOptions,
  labels: Record<string, string>,
): PrometheusRuleDefinition[] {
  const objective = rule.objective!;
  const budget = +(1 - objective).toPrecision(12);
  const identity = {
    [ENTITY_REF_LABEL]: options.entityRef,
    [RULE_ID_LABEL]: String(rule.id),
  };
  const selector = `{${ENTITY_REF_LABEL}="${options.entityRef.replace(
    /["\\]/g,
    '\\$&',
  )}", ${RULE_ID_LABEL}="${rule.id}"}`;
  const records: PrometheusRuleDefinition[] = SLO_WINDOWS.map(window => ({
    record: sloErrorRatioRecord(window),
    // Reads raw series, so it is scoped; the alerts below read only these records by rule id.
    expr: scopeEntityPromQL(
      sliErrorRatio(rule, options.metrics, window),
      options.matchers,
    ),
    labels: identity,
  }));
  const what =
    rule.signalType === 'latency'
      ? `requests faster than ${rule.threshold}s`
      : 'successful requests';
  const alerts: PrometheusRuleDefinition[] = (['page', 'ticket'] as const).map(
    kind => {
      const windows = BURN_RATE_WINDOWS.filter(w => w.kind === kind);
      const expr = windows
        .map(
          w =>
            `(${sloErrorRatioRecord(w.long)}${selector} > (${
              w.factor
            } * ${budget}) and ${sloErrorRatioRecord(w.short)}${selector} > (${
              w.factor
            } * ${budget}))`,
        )
        .join('\nor\n');
      const ticketSeverity = rule.severity === 'critical' ? 'warning' : 'info';
      const severity = kind === 'page' ? rule.severity : ticketSeverity;
      return {
        alert:
          kind === 'page'
            ? 'CatalystErrorBudgetBurnFast'
            : 'CatalystErrorBudgetBurnSlow',
        expr,
        for: rule.duration,
        labels: { ...labels, severity, slo_alert: kind },
        annotations: {
          summary: `${options.entityRef}: error budget of the ${
            objective * 100
          }% ${what} objective is burning ${
            kind === 'page' ? 'fast' : 'slowly'
          } (${windows
            .map(w => `${w.factor}x over ${w.long}/${w.short}`)
            .join(', ')})`,
          description: `${
            rule.description ? `${rule.description}. ` : ''
          }Multi-window multi-burn-rate alert on the ${
            objective * 100
          }% objective.`,
        },
      };
    },
  );
  return [...records, ...alerts];
}

/** Writes rule groups as a Prometheus rule file. */
export function ruleFileYaml(
  groups: PrometheusRuleGroupDefinition[],
  entityRef: string,
): string {
  return `# Rendered by Catalyst for ${entityRef}; changes here are overwritten.\n${stringify(
    { groups },
    { lineWidth: 0 },
  )}`;
}
