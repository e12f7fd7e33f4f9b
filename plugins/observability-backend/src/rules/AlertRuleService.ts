import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AlertRule,
  AlertRuleMutationResponse,
  LabelMatcher,
  RenderedAlertingConfig,
} from '@catalyst/plugin-observability-common';
import { z } from 'zod';
import { ObservabilityConfig } from '../config';
import { AlertRuleInput, AlertRuleStore } from '../database/AlertRuleStore';
import { resolveGoldenSignalMetrics } from '../goldenSignals/resolveGoldenSignalMetrics';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import {
  checkRuleCombination,
  createAlertRuleSchema,
  updateAlertRuleSchema,
} from './alertRuleInput';
import { checkRulesWithPromtool } from './checkRulesWithPromtool';
import {
  alertmanagerConfigYaml,
  renderAlertmanagerConfig,
} from './renderAlertmanagerConfig';
import {
  renderGoldenSignalRules,
  ruleFileYaml,
} from './renderGoldenSignalRules';
import { RuleApplier } from './RuleApplier';
import {
  redactRule,
  restoreRedactedChannels,
} from './redactNotificationChannels';
import { RuleFileApplier } from './RuleFileApplier';

/** An entity with its resolved scope, as the routes hand it over. */
export type ScopedEntity = { entity: Entity; matchers: LabelMatcher[] };

/**
 * Stored golden-signal alert rules and their application: every change re-renders the
 * entity's rule group, checks it with promtool (when installed) before anything is stored,
 * and hands the rule group to the applier: a rule file and a reload (standalone mode) or a
 * PrometheusRule object (kubernetes mode).
 */
export class AlertRuleService {
  // Changes of one entity's rules are applied one at a time, so rule files never interleave.
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: {
      store: AlertRuleStore;
      instances: ObservabilityInstances;
      config: Pick<
        ObservabilityConfig,
        'rules' | 'goldenSignals' | 'webhook' | 'alertmanagerRoute'
      >;
      /** Default: rule files (standalone mode). */
      applier?: RuleApplier;
      now?: () => Date;
    },
  ) {}

  /** The entity's rules, notification URLs redacted. */
  async list(entityRef: string): Promise<AlertRule[]> {
    return (await this.options.store.list(entityRef)).map(redactRule);
  }

  async create(
    target: ScopedEntity,
    body: z.infer<typeof createAlertRuleSchema>,
  ): Promise<AlertRuleMutationResponse> {
    const entityRef = stringifyEntityRef(target.entity);
    const input: AlertRuleInput = {
      signalType: body.signalType,
      threshold: body.threshold,
      operator: body.operator ?? 'gt',
      duration: body.duration ?? this.options.config.rules.defaultDuration,
      severity: body.severity ?? 'warning',
      enabled: body.enabled ?? true,
      quantile: body.quantile ?? undefined,
      objective: body.objective ?? undefined,
      description: body.description ?? undefined,
      notificationChannels: body.notificationChannels ?? [],
    };
    return this.serialized(entityRef, async () => {
      this.checkCombination(input);
      const existing = await this.options.store.list(entityRef);
      await this.render(target, [
        ...existing,
        this.provisional(entityRef, input),
      ]);
      const rule = await this.options.store.create(
        entityRef,
        input,
        this.now(),
      );
      return {
        rule: redactRule(rule),
        application: await this.configureGoldenSignalAlerts(target),
      };
    });
  }

  async update(
    target: ScopedEntity,
    id: number,
    body: z.infer<typeof updateAlertRuleSchema>,
  ): Promise<AlertRuleMutationResponse> {
    const entityRef = stringifyEntityRef(target.entity);
    return this.serialized(entityRef, async () => {
      const current = await this.owned(entityRef, id);
      const patch: Partial<AlertRuleInput> = {};
      for (const [key, value] of Object.entries(body)) {
        (patch as Record<string, unknown>)[key] =
          value === null ? undefined : value;
      }
      if (patch.notificationChannels) {
        patch.notificationChannels = restoreRedactedChannels(
          patch.notificationChannels,
          current.notificationChannels,
        );
      }
      const next = { ...current, ...patch };
      this.checkCombination(next);
      const existing = await this.options.store.list(entityRef);
      await this.render(
        target,
        existing.map(r => (r.id === id ? next : r)),
      );
      const rule = await this.options.store.update(id, patch, this.now());
      return {
        rule: rule && redactRule(rule),
        application: await this.configureGoldenSignalAlerts(target),
      };
    });
  }

  async delete(
    target: ScopedEntity,
    id: number,
  ): Promise<AlertRuleMutationResponse> {
    const entityRef = stringifyEntityRef(target.entity);
    return this.serialized(entityRef, async () => {
      await this.owned(entityRef, id);
      await this.options.store.delete(id);
      return { application: await this.configureGoldenSignalAlerts(target) };
    });
  }

  /**
   * Renders the entity's enabled rules as Prometheus rule groups, checks them with promtool
   * and applies them (rule file + reload in standalone mode).
   */
  async configureGoldenSignalAlerts(target: ScopedEntity) {
    const entityRef = stringifyEntityRef(target.entity);
    const rules = await this.options.store.list(entityRef);
    const { groups, yaml, validatedWithPromtool } = await this.render(
      target,
      rules,
    );
    return (this.options.applier ?? new RuleFileApplier()).apply({
      prometheus: this.options.instances.prometheusFor(target.entity),
      entity: target.entity,
      entityRef,
      groups,
      yaml,
      validatedWithPromtool,
    });
  }

  /**
   * The rule file and the Alertmanager snippet of the entity, as they are applied but with
   * notification URLs redacted.
   */
  async rendered(target: ScopedEntity): Promise<RenderedAlertingConfig> {
    const entityRef = stringifyEntityRef(target.entity);
    const rules = await this.options.store.list(entityRef);
    const { yaml } = await this.render(target, rules, { check: false });
    const { config } = this.options;
    return {
      entityRef,
      prometheusRules:
        yaml ?? `# ${entityRef} has no enabled alert rules\ngroups: []\n`,
      alertmanagerConfig: alertmanagerConfigYaml(
        renderAlertmanagerConfig(rules.map(redactRule), {
          webhookUrl: config.webhook.url,
          webhookSecretFile: config.webhook.secretFile,
          route: config.alertmanagerRoute,
        }),
      ),
    };
  }

  /**
   * Alertmanager's route and receivers for the rules of every entity, or of the entities
   * `allowed` picks; notification URLs redacted.
   */
  async renderedAlertmanagerConfig(
    allowed?: (entityRefs: string[]) => Promise<Set<string>>,
  ): Promise<string> {
    const { config } = this.options;
    let rules = await this.options.store.listAll();
    if (allowed) {
      const refs = await allowed(rules.map(r => r.entityRef));
      rules = rules.filter(r => refs.has(r.entityRef));
    }
    return alertmanagerConfigYaml(
      renderAlertmanagerConfig(rules.map(redactRule), {
        webhookUrl: config.webhook.url,
        webhookSecretFile: config.webhook.secretFile,
        route: config.alertmanagerRoute,
      }),
    );
  }

  private async render(
    target: ScopedEntity,
    rules: AlertRule[],
    options = { check: true },
  ) {
    const entityRef = stringifyEntityRef(target.entity);
    const { metrics } = await resolveGoldenSignalMetrics({
      entity: target.entity,
      matchers: target.matchers,
      prometheus: this.options.instances.prometheusFor(target.entity),
      config: this.options.config.goldenSignals,
    });
    const groups = renderGoldenSignalRules(rules, {
      entityRef,
      matchers: target.matchers,
      metrics,
      evaluationInterval: this.options.config.rules.evaluationInterval,
      rateWindow: this.options.config.rules.rateWindow,
    });
    if (groups.length === 0)
      return { groups, yaml: undefined, validatedWithPromtool: false };
    const yaml = ruleFileYaml(groups, entityRef);
    if (!options.check) return { groups, yaml, validatedWithPromtool: false };
    const check = await checkRulesWithPromtool(yaml);
    if (check.checked && !check.ok) {
      throw new InputError(
        `The rendered Prometheus rules do not pass promtool check rules: ${check.output}`,
      );
    }
    return { groups, yaml, validatedWithPromtool: check.checked };
  }

  private checkCombination(
    rule: Pick<
      AlertRule,
      'signalType' | 'threshold' | 'quantile' | 'objective'
    >,
  ) {
    const problem = checkRuleCombination(rule);
    if (problem) throw new InputError(`Invalid alert rule: ${problem}`);
  }

  private async owned(entityRef: string, id: number): Promise<AlertRule> {
    const rule = await this.options.store.get(id);
    if (!rule || rule.entityRef !== entityRef) {
      throw new NotFoundError(`${entityRef} has no alert rule ${id}`);
    }
    return rule;
  }

  private provisional(entityRef: string, input: AlertRuleInput): AlertRule {
    const now = this.now().toISOString();
    return { ...input, id: 0, entityRef, createdAt: now, updatedAt: now };
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
