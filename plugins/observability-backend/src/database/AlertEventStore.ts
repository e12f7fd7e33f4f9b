import { AlertEvent } from '@catalyst/plugin-observability-common';
import { Knex } from 'knex';

/** One alert of an Alertmanager notification, with the entity it was linked to. */
export type AlertEventInput = {
  fingerprint: string;
  alertName: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt?: Date;
  entityRef?: string;
  ruleId?: number;
  generatorUrl?: string;
};

type EventRow = {
  id: number;
  fingerprint: string;
  alert_name: string;
  status: string;
  labels: string;
  annotations: string;
  starts_at: string | Date | number;
  ends_at: string | Date | number | null;
  entity_ref: string | null;
  rule_id: number | null;
  generator_url: string | null;
  received_at: string | Date | number;
};

const toIso = (value: string | Date | number) => new Date(value).toISOString();

function toEvent(row: EventRow): AlertEvent {
  return {
    id: Number(row.id),
    fingerprint: row.fingerprint,
    alertName: row.alert_name,
    status: row.status as AlertEvent['status'],
    labels: JSON.parse(row.labels),
    annotations: JSON.parse(row.annotations),
    startsAt: toIso(row.starts_at),
    endsAt: row.ends_at === null ? undefined : toIso(row.ends_at),
    entityRef: row.entity_ref ?? undefined,
    ruleId: row.rule_id === null ? undefined : Number(row.rule_id),
    generatorUrl: row.generator_url ?? undefined,
    receivedAt: toIso(row.received_at),
  };
}

/** Filters of the alert history. */
export type AlertEventQuery = {
  entityRef: string;
  state?: 'active' | 'resolved' | 'all';
  since?: Date;
  limit?: number;
};

/**
 * The alert history in `alert_events`: one row per alert occurrence (fingerprint and start
 * time), updated by every later notification about it, so firing then resolved is one row.
 */
export class AlertEventStore {
  constructor(private readonly db: Knex) {}

  async record(events: AlertEventInput[], receivedAt: Date): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction(async tx => {
      for (const event of events) {
        const row = {
          fingerprint: event.fingerprint,
          alert_name: event.alertName,
          status: event.status,
          labels: JSON.stringify(event.labels),
          annotations: JSON.stringify(event.annotations),
          starts_at: event.startsAt,
          ends_at: event.endsAt ?? null,
          entity_ref: event.entityRef ?? null,
          rule_id: event.ruleId ?? null,
          generator_url: event.generatorUrl ?? null,
          received_at: receivedAt,
        };
        await tx('alert_events')
          .insert(row)
          .onConflict(['fingerprint', 'starts_at'])
          .merge([
            'status',
            'labels',
            'annotations',
            'ends_at',
            'entity_ref',
            'rule_id',
            'generator_url',
            'received_at',
          ]);
      }
    });
  }

  /**
   * The start of the firing episode an occurrence belongs to: an earlier occurrence of the
   * fingerprint that was still firing, or ended less than `gapMs` before the next began,
   * continues the episode (a flapping alert is one episode).
   */
  async episodeStart(
    fingerprint: string,
    startsAt: Date,
    gapMs: number,
  ): Promise<Date> {
    const rows = await this.db<EventRow>('alert_events')
      .where({ fingerprint })
      .andWhere('starts_at', '<', startsAt)
      .orderBy('starts_at', 'desc')
      .limit(50)
      .select('starts_at', 'ends_at');
    let start = startsAt;
    for (const row of rows) {
      const end = row.ends_at === null ? undefined : new Date(row.ends_at);
      if (end && end.getTime() < start.getTime() - gapMs) break;
      start = new Date(row.starts_at);
    }
    return start;
  }

  async get(id: number): Promise<AlertEvent | undefined> {
    const row = await this.db<EventRow>('alert_events').where({ id }).first();
    return row ? toEvent(row) : undefined;
  }

  /** The entity's alerts, newest first, filtered in the database. */
  async list(query: AlertEventQuery): Promise<AlertEvent[]> {
    const builder = this.db<EventRow>('alert_events').where({
      entity_ref: query.entityRef,
    });
    if (query.state === 'active') builder.andWhere({ status: 'firing' });
    if (query.state === 'resolved') builder.andWhere({ status: 'resolved' });
    if (query.since) builder.andWhere('starts_at', '>=', query.since);
    const rows = await builder
      .orderBy([
        { column: 'starts_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit ?? 100);
    return rows.map(toEvent);
  }

  /**
   * Firing alerts linked to no entity that a notification reached since `receivedSince`,
   * newest first: the ones a catalog that has caught up may now link.
   */
  async unlinkedFiring(options: {
    receivedSince: Date;
    limit: number;
  }): Promise<AlertEvent[]> {
    const rows = await this.db<EventRow>('alert_events')
      .whereNull('entity_ref')
      .andWhere({ status: 'firing' })
      .andWhere('received_at', '>=', options.receivedSince)
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(toEvent);
  }

  /**
   * Links an alert that is still linked to no entity and still firing; false when a
   * notification got there first (it linked or resolved the alert itself).
   */
  async link(id: number, entityRef: string): Promise<boolean> {
    const updated = await this.db('alert_events')
      .where({ id, status: 'firing' })
      .whereNull('entity_ref')
      .update({ entity_ref: entityRef });
    return updated > 0;
  }

  /** Alerts of the entity, other than `excludeId`, that were firing at some point of the window. */
  async overlapping(
    entityRef: string,
    window: { start: Date; end: Date },
    excludeId: number,
  ) {
    const rows = await this.db<EventRow>('alert_events')
      .where({ entity_ref: entityRef })
      .andWhereNot({ id: excludeId })
      .andWhere('starts_at', '<=', window.end)
      .andWhere(q =>
        q.whereNull('ends_at').orWhere('ends_at', '>=', window.start),
      )
      .orderBy('starts_at', 'asc')
      .limit(100);
    return rows.map(toEvent);
  }
}
