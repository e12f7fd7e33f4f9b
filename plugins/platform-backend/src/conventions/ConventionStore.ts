import { NotFoundError } from '@backstage/errors';
import type {
  ConventionPullRequest,
  ConventionRuleRecord,
} from '@catalyst/plugin-platform-common';
import type { ConventionPack } from '@catalyst/plugin-platform-node';
import { Knex } from 'knex';

type Timestamp = Date | string;

interface RuleRow {
  id: number;
  entity_ref: string | null;
  pack_id: string;
  rule_type: ConventionRuleRecord['ruleType'];
  rule_name: string;
  config: string;
  enabled: boolean | number;
  created_at: Timestamp;
  updated_at: Timestamp;
  rule_key: string;
}

/** A `convention_pull_requests` row. */
export interface PullRequestRow {
  entity_ref: string;
  repository: string;
  branch: string;
  pr_number: number;
  pr_url: string;
  files: string;
  updated_at: Timestamp;
}

/** A convention check of one pull request event, as recorded. */
export interface ConventionCheckRecord {
  id: number;
  repository: string;
  prNumber: number;
  headSha: string;
  action: string;
  conclusion: string;
  checkRunId?: number;
  findings: unknown[];
  createdAt: Date;
}

const toDate = (value: Timestamp) =>
  value instanceof Date ? value : new Date(value);

/** A `convention_pull_requests` row as the API shows it. */
export function toPullRequest(row: PullRequestRow): ConventionPullRequest {
  return {
    repository: row.repository,
    branch: row.branch,
    number: row.pr_number,
    url: row.pr_url,
    files: JSON.parse(row.files),
    updatedAt: toDate(row.updated_at).toISOString(),
  };
}

function ruleKey(entityRef: string | null, packId: string, ruleName: string) {
  return `${entityRef ?? '*'}|${packId}|${ruleName}`;
}

function toRule(row: RuleRow): ConventionRuleRecord {
  return {
    id: row.id,
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    packId: row.pack_id,
    ruleType: row.rule_type,
    ruleName: row.rule_name,
    config: JSON.parse(row.config),
    enabled: Boolean(row.enabled),
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
  };
}

/**
 * The conventions tables: the platform's rule set (`convention_rules`), the
 * convention pull request of each component, and recorded pull request checks.
 */
export class ConventionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Adds a platform-wide row for every pack rule that has none yet; rows an
   * admin already toggled keep their `enabled`.
   */
  async seedRules(
    packs: readonly ConventionPack[],
    now: Date,
  ): Promise<number> {
    const rows = packs.flatMap(pack =>
      pack.rules.map(rule => ({
        entity_ref: null,
        pack_id: pack.id,
        rule_type: rule.ruleType,
        rule_name: rule.ruleName,
        config: JSON.stringify(rule.config),
        enabled: rule.enabled,
        created_at: now,
        updated_at: now,
        rule_key: ruleKey(null, pack.id, rule.ruleName),
      })),
    );
    if (!rows.length) return 0;
    const existing = new Set(
      (
        await this.db<RuleRow>('convention_rules')
          .whereIn(
            'rule_key',
            rows.map(row => row.rule_key),
          )
          .select('rule_key')
      ).map(row => row.rule_key),
    );
    const missing = rows.filter(row => !existing.has(row.rule_key));
    if (missing.length) {
      // A replica seeding at the same time inserts the same keys: theirs win.
      await this.db('convention_rules')
        .insert(missing)
        .onConflict('rule_key')
        .ignore();
    }
    return missing.length;
  }

  /** Every row: platform-wide ones and the components' own. */
  async listRules(): Promise<ConventionRuleRecord[]> {
    const rows = await this.db<RuleRow>('convention_rules').orderBy([
      'pack_id',
      'rule_name',
      'id',
    ]);
    return rows.map(toRule);
  }

  async setRuleEnabled(
    id: number,
    enabled: boolean,
    now: Date,
  ): Promise<ConventionRuleRecord> {
    const updated = await this.db('convention_rules')
      .where({ id })
      .update({ enabled, updated_at: now });
    if (!updated) throw new NotFoundError(`No convention rule ${id}`);
    const row = await this.db<RuleRow>('convention_rules')
      .where({ id })
      .first();
    return toRule(row!);
  }

  /** Creates or replaces a component's own row for one rule of its pack. */
  async saveComponentRule(
    rule: {
      entityRef: string;
      packId: string;
      ruleType: ConventionRuleRecord['ruleType'];
      ruleName: string;
      enabled: boolean;
      config: Record<string, unknown>;
    },
    now: Date,
  ): Promise<ConventionRuleRecord> {
    const key = ruleKey(rule.entityRef, rule.packId, rule.ruleName);
    await this.db('convention_rules')
      .insert({
        entity_ref: rule.entityRef,
        pack_id: rule.packId,
        rule_type: rule.ruleType,
        rule_name: rule.ruleName,
        config: JSON.stringify(rule.config),
        enabled: rule.enabled,
        created_at: now,
        updated_at: now,
        rule_key: key,
      })
      .onConflict('rule_key')
      .merge(['config', 'enabled', 'rule_type', 'updated_at']);
    const row = await this.db<RuleRow>('convention_rules')
      .where({ rule_key: key })
      .first();
    return toRule(row!);
  }

  /** Removes a component's own row of a rule; false when it had none. */
  async deleteComponentRule(
    entityRef: string,
    packId: string,
    ruleName: string,
  ): Promise<boolean> {
    const deleted = await this.db('convention_rules')
      .where({ rule_key: ruleKey(entityRef, packId, ruleName) })
      .delete();
    return deleted > 0;
  }

  async getPullRequest(
    entityRef: string,
  ): Promise<ConventionPullRequest | undefined> {
    const row = await this.db<PullRequestRow>('convention_pull_requests')
      .where({ entity_ref: entityRef })
      .first();
    return row ? toPullRequest(row) : undefined;
  }

  async savePullRequest(
    entityRef: string,
    pullRequest: Omit<ConventionPullRequest, 'updatedAt'>,
    now: Date,
  ): Promise<ConventionPullRequest> {
    await this.db('convention_pull_requests')
      .insert({
        entity_ref: entityRef,
        repository: pullRequest.repository,
        branch: pullRequest.branch,
        pr_number: pullRequest.number,
        pr_url: pullRequest.url,
        files: JSON.stringify(pullRequest.files),
        updated_at: now,
      })
      .onConflict('entity_ref')
      .merge();
    return { ...pullRequest, updatedAt: now.toISOString() };
  }

  async recordCheck(
    check: Omit<ConventionCheckRecord, 'id' | 'createdAt'>,
    now: Date,
  ): Promise<void> {
    await this.db('convention_check_results').insert({
      repository: check.repository,
      pr_number: check.prNumber,
      head_sha: check.headSha,
      action: check.action,
      conclusion: check.conclusion,
      check_run_id: check.checkRunId ?? null,
      findings: JSON.stringify(check.findings),
      created_at: now,
    });
  }

  async listChecks(
    repository: string,
    prNumber: number,
  ): Promise<ConventionCheckRecord[]> {
    const rows = await this.db('convention_check_results')
      .where({ repository, pr_number: prNumber })
      .orderBy('id');
    return rows.map((row: any) => ({
      id: row.id,
      repository: row.repository,
      prNumber: row.pr_number,
      headSha: row.head_sha,
      action: row.action,
      conclusion: row.conclusion,
      ...(row.check_run_id !== null
        ? { checkRunId: Number(row.check_run_id) }
        : {}),
      findings: JSON.parse(row.findings),
      createdAt: toDate(row.created_at),
    }));
  }
}
