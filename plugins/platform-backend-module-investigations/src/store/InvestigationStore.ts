import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { IncidentInvestigation } from '@catalyst/plugin-observability-common';
import { Knex } from 'knex';

/** What an investigation run writes; the store adds the id and times. */
export type InvestigationInput = Omit<
  IncidentInvestigation,
  'id' | 'createdAt' | 'updatedAt'
>;

type Row = {
  id: number;
  record: string;
  created_at: string | Date | number;
  updated_at: string | Date | number;
};

const toIso = (value: string | Date | number) => new Date(value).toISOString();

function toInvestigation(row: Row): IncidentInvestigation {
  return {
    ...(JSON.parse(row.record) as InvestigationInput),
    id: Number(row.id),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The `incident_investigations` table: one row per alert fingerprint and episode. */
export class InvestigationStore {
  static async create(database: DatabaseService): Promise<InvestigationStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@catalyst/plugin-platform-backend-module-investigations',
          'migrations',
        ),
        tableName: 'knex_migrations_platform_investigations',
      });
    }
    return new InvestigationStore(db);
  }

  constructor(private readonly db: Knex) {}

  /** Writes the investigation of an episode; a second run of it replaces the first. */
  async save(
    input: InvestigationInput,
    now: Date,
  ): Promise<IncidentInvestigation> {
    await this.db('incident_investigations')
      .insert({
        entity_ref: input.entityRef,
        fingerprint: input.fingerprint,
        episode_start: input.episodeStart,
        alert_name: input.alertName.slice(0, 255),
        task_id: input.taskId ?? null,
        record: JSON.stringify(input),
        created_at: now,
        updated_at: now,
      })
      .onConflict(['fingerprint', 'episode_start'])
      .merge(['entity_ref', 'alert_name', 'task_id', 'record', 'updated_at']);
    const row = await this.db('incident_investigations')
      .where({
        fingerprint: input.fingerprint,
        episode_start: input.episodeStart,
      })
      .first();
    return toInvestigation(row as Row);
  }

  /** The entity's investigations, newest episode first. */
  async list(query: {
    entityRef: string;
    fingerprint?: string;
    limit?: number;
  }): Promise<IncidentInvestigation[]> {
    const builder = this.db('incident_investigations').where({
      entity_ref: query.entityRef,
    });
    if (query.fingerprint) builder.andWhere({ fingerprint: query.fingerprint });
    const rows = await builder
      .orderBy([
        { column: 'episode_start', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit ?? 50);
    return (rows as Row[]).map(toInvestigation);
  }
}
