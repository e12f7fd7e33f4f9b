import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotFoundError } from '@backstage/errors';
import type {
  ConventionComponentRuleInput,
  ConventionEffectiveRule,
  ConventionEffectiveRules,
  ConventionRuleRecord,
} from '@catalyst/plugin-platform-common';
import type {
  ConventionPack,
  ConventionRule,
} from '@catalyst/plugin-platform-node';
import { ConventionStatusStore } from './ConventionStatusStore';
import { ConventionStore } from './ConventionStore';
import { requireCatalogEntity } from '../catalog/requireCatalogEntity';
import { ConventionsService } from './ConventionsService';

/**
 * A component's own rows of the convention rule set: the rules of its pack
 * as they apply to it, and the rows that switch or re-configure one rule for
 * the component alone. The repository's catalyst.yaml still wins over them.
 */
export class ComponentConventionRules {
  constructor(
    private readonly options: {
      packs: () => readonly ConventionPack[];
      service: Pick<ConventionsService, 'inspect' | 'report'>;
      store: ConventionStore;
      status: ConventionStatusStore;
      catalog: CatalogService;
      auth: AuthService;
      now?: () => Date;
    },
  ) {}

  /** Every rule of the component's pack: platform row, then component row, then catalyst.yaml. */
  async list(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<ConventionEffectiveRules> {
    const { report, overrides } = await this.options.service.inspect(
      entityRef,
      credentials,
    );
    const pack = this.requirePack(report.pack.id);
    const rows = await this.options.store.listRules();
    const items = pack.rules.map((rule): ConventionEffectiveRule => {
      const own = rows.filter(
        row => row.packId === pack.id && row.ruleName === rule.ruleName,
      );
      const platformRule = own.find(row => row.entityRef === undefined);
      const componentRule = own.find(row => row.entityRef === entityRef);
      const project = overrides.rules?.[rule.ruleName];
      const decided = componentRule ?? platformRule;
      const enabled =
        project === false
          ? false
          : project?.enabled ?? decided?.enabled ?? rule.enabled;
      let source: ConventionEffectiveRule['source'] = 'platform';
      if (project !== undefined) source = 'catalyst.yaml';
      else if (componentRule) source = 'component';
      const status = report.items.find(
        item => item.kind === 'rule' && item.name === rule.ruleName,
      )?.status;
      return {
        packId: pack.id,
        ruleName: rule.ruleName,
        ruleType: rule.ruleType,
        required: rule.required,
        enabled,
        config: {
          ...rule.config,
          ...componentRule?.config,
          ...(project ? project.config : undefined),
        },
        source,
        ...(status ? { status } : {}),
        ...(platformRule ? { platformRule } : {}),
        ...(componentRule ? { componentRule } : {}),
      };
    });
    return {
      entityRef,
      pack: { id: pack.id, title: pack.title },
      items,
    };
  }

  /** Creates or updates the component's row of one rule of its pack. */
  async save(
    entityRef: string,
    ruleName: string,
    input: ConventionComponentRuleInput,
    credentials?: BackstageCredentials,
  ): Promise<ConventionRuleRecord> {
    const { pack, rule } = await this.ruleOf(entityRef, ruleName, credentials);
    return this.options.store.saveComponentRule(
      {
        entityRef,
        packId: pack.id,
        ruleType: rule.ruleType,
        ruleName,
        enabled: input.enabled,
        config: input.config ?? {},
      },
      this.options.now?.() ?? new Date(),
    );
  }

  /** Removes the component's row of a rule; false when it had none. */
  async remove(
    entityRef: string,
    ruleName: string,
    credentials?: BackstageCredentials,
  ): Promise<boolean> {
    const { pack } = await this.ruleOf(entityRef, ruleName, credentials);
    return this.options.store.deleteComponentRule(entityRef, pack.id, ruleName);
  }

  private requirePack(packId: string): ConventionPack {
    const pack = this.options.packs().find(p => p.id === packId);
    if (!pack) throw new NotFoundError(`No convention pack ${packId}`);
    return pack;
  }

  /** The component's pack as last reported (else reported now), and its rule. */
  private async ruleOf(
    entityRef: string,
    ruleName: string,
    credentials?: BackstageCredentials,
  ): Promise<{ pack: ConventionPack; rule: ConventionRule }> {
    await requireCatalogEntity(this.options, entityRef, credentials);
    const packId =
      (await this.options.status.getPackId(entityRef)) ??
      (await this.options.service.report(entityRef, credentials)).pack.id;
    const pack = this.requirePack(packId);
    const rule = pack.rules.find(r => r.ruleName === ruleName);
    if (!rule) {
      throw new NotFoundError(
        `Pack "${pack.id}" of ${entityRef} has no rule "${ruleName}"`,
      );
    }
    return { pack, rule };
  }
}
