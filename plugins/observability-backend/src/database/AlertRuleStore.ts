import {
  AlertOperator,
  AlertRule,
  AlertSignalType,
  NotificationChannel,
} from '@catalyst/plugin-observability-common';
import { Knex } from 'knex';

/** The fields of a rule that callers set. */
export type AlertRuleInput = {
  signalType: AlertSignalType;
  threshold: number;
  operator: AlertOperator;
  duration: string;
  severity: AlertRule['severity'];
  enabled: boolean;
  quantile?: number;
  objective?: number;
  description?: string;
  notificationChannels: NotificationChannel[];
};

type RuleRow = {
  id: number;
  entity_ref: string;
  signal_type: string;
  threshold: string | number;
  operator: string;
  duration: string;
  severity: string;
  enabled: boolean | number;
  quantile: string | number | null;
  objective: string | number | null;
  description: string | null;
  notification_channels: string;
  created_at: string | Date | number;
  updated_at: string | Date | number;
};

const toIso = (value: string | Date | number) => new Date(value).toISOString();
const optionalNumber = (value: string | number | null) =>
  value === null ? undefined : Number(value);

function toRule(row: RuleRow): AlertRule {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    signalType: row.signal_type as AlertSignalType,
    threshold: Number(row.threshold),
    operator: row.operator as AlertOperator,
    duration: row.duration,
    severity: row.severity as AlertRule['severity'],
    enabled: Boolean(row.enabled),
    quantile: optionalNumber(row.quantile),
    objective: optionalNumber(row.objective),
    description: row.description ?? undefined,
    notificationChannels: JSON.parse(row.notification_channels),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toColumns(input: Partial<AlertRuleInput>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (input.signalType !== undefined) columns.signal_type = input.signalType;
  if (input.threshold !== undefined) columns.threshold = input.threshold;
  if (input.operator !== undefined) columns.operator = input.operator;
  if (input.duration !== undefined) columns.duration = input.duration;
  if (input.severity !== undefined) columns.severity = input.severity;
  if (input.enabled !== undefined) columns.enabled = input.enabled;
  if ('quantile' in input) columns.quantile = input.quantile ?? null;
  if ('objective' in input) columns.objective = input.objective ?? null;
  if ('description' in input) columns.description = input.description ?? null;
  if (input.notificationChannels !== undefined) {
    columns.notification_channels = JSON.stringify(input.notificationChannels);
  }
  return columns;
}

/** Alert rules of catalog entities in the `alert_rules` table. */
export class AlertRuleStore {
  constructor(private readonly db: Knex) {}

  async list(entityRef: string): Promise<AlertRule[]> {
    const rows = await this.db<RuleRow>('alert_rules')
      .where({ entity_ref: entityRef })
      .orderBy('id');
    return rows.map(toRule);
  }

  /** Every rule of every entity, for the Alertmanager configuration of the whole portal. */
  async listAll(): Promise<AlertRule[]> {
    const rows = await this.db<RuleRow>('alert_rules').orderBy('id');
    return rows.map(toRule);
  }

  async get(id: number): Promise<AlertRule | undefined> {
    const row = await this.db<RuleRow>('alert_rules').where({ id }).first();
    return row ? toRule(row) : undefined;
  }

  async create(
    entityRef: string,
    input: AlertRuleInput,
    now: Date,
  ): Promise<AlertRule> {
    const [inserted] = await this.db('alert_rules')
      .insert({
        entity_ref: entityRef,
        ...toColumns(input),
        created_at: now,
        updated_at: now,
      })
      .returning('id');
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    return (await this.get(Number(id)))!;
  }

  async update(
    id: number,
    patch: Partial<AlertRuleInput>,
    now: Date,
  ): Promise<AlertRule | undefined> {
    const count = await this.db('alert_rules')
      .where({ id })
      .update({ ...toColumns(patch), updated_at: now });
    return count ? this.get(id) : undefined;
  }

  async delete(id: number): Promise<boolean> {
    return (await this.db('alert_rules').where({ id }).delete()) > 0;
  }
}
