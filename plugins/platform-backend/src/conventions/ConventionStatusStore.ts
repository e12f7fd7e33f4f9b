import type {
  ConventionComplianceOverview,
  ConventionComplianceRow,
  ConventionsReport,
} from '@catalyst/plugin-platform-common';
import { Knex } from 'knex';
import { PullRequestRow, toPullRequest } from './ConventionStore';

interface StatusRow {
  entity_ref: string;
  pack_id: string;
  drifted: boolean | number;
  summary: string;
  drifted_items: string;
  warning_count: number;
  scanned_at: Date | string;
}

/** Filters and page of the compliance overview. */
export interface ConventionComplianceQuery {
  drifted?: boolean;
  packId?: string;
  /** Substring of the entity ref, case-insensitive. */
  q?: string;
  offset: number;
  limit: number;
}

/** Task statuses of a `convention_fix` task that is still to be done. */
const OPEN_TASK_STATUSES = ['pending', 'in_progress', 'awaiting_approval'];

const escapeLike = (text: string) => text.replace(/[\\%_]/g, c => `\\${c}`);

/**
 * The `convention_status` table: each component's compliance as its drift
 * report last found it, and the overview across components joined with
 * their convention pull request and open `convention_fix` task.
 */
export class ConventionStatusStore {
  constructor(private readonly db: Knex) {}

  /** Records (or replaces) the compliance of the report's component. */
  async saveReport(report: ConventionsReport, now: Date): Promise<void> {
    const driftedItems = report.items
      .filter(item => item.status === 'drift' || item.status === 'missing')
      .map(item => item.name);
    await this.db('convention_status')
      .insert({
        entity_ref: report.entityRef,
        pack_id: report.pack.id,
        drifted: report.drifted,
        summary: JSON.stringify(report.summary),
        drifted_items: JSON.stringify(driftedItems),
        warning_count: report.warnings.length,
        scanned_at: now,
      })
      .onConflict('entity_ref')
      .merge();
  }

  /**
   * Moves the component's `scanned_at` to `now` (its report is still
   * current); false when it has no row.
   */
  async markScanned(entityRef: string, now: Date): Promise<boolean> {
    const updated = await this.db('convention_status')
      .where({ entity_ref: entityRef })
      .update({ scanned_at: now });
    return updated > 0;
  }

  /** The pack the component's last report used, if it was ever reported. */
  async getPackId(entityRef: string): Promise<string | undefined> {
    const row = await this.db<StatusRow>('convention_status')
      .where({ entity_ref: entityRef })
      .first('pack_id');
    return row?.pack_id;
  }

  /** One page of compliance rows, drifted first, then by entity ref. */
  /** The components with a recorded report. */
  async entityRefs(): Promise<string[]> {
    const rows = await this.db<StatusRow>('convention_status').select(
      'entity_ref',
    );
    return rows.map(row => row.entity_ref);
  }

  /**
   * A page of the compliance overview; with `visible`, only those
   * components, in the rows, the count and the totals.
   */
  async overview(
    query: ConventionComplianceQuery,
    visible?: { entityRefs: Iterable<string> },
  ): Promise<ConventionComplianceOverview> {
    const only = visible && [...visible.entityRefs];
    const filtered = this.db<StatusRow>('convention_status').modify(builder => {
      if (only) builder.whereIn('entity_ref', only);
      if (query.drifted !== undefined) {
        builder.where('drifted', query.drifted);
      }
      if (query.packId) builder.where('pack_id', query.packId);
      if (query.q) {
        builder.whereRaw(`lower(entity_ref) like ? escape '\\'`, [
          `%${escapeLike(query.q.toLowerCase())}%`,
        ]);
      }
    });
    const [{ count }] = await filtered.clone().count({ count: '*' });
    const rows: StatusRow[] = await filtered
      .clone()
      .select('*')
      .orderBy([
        { column: 'drifted', order: 'desc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .offset(query.offset)
      .limit(query.limit);
    const refs = rows.map(row => row.entity_ref);
    const pullRequests = new Map(
      (
        await this.db<PullRequestRow>('convention_pull_requests').whereIn(
          'entity_ref',
          refs,
        )
      ).map(row => [row.entity_ref, toPullRequest(row)]),
    );
    const openTasks = new Map<string, number>();
    const tasks = await this.db('platform_tasks')
      .whereIn('entity_ref', refs)
      .where('task_type', 'convention_fix')
      .whereIn('status', OPEN_TASK_STATUSES)
      .orderBy('id', 'desc')
      .select('id', 'entity_ref');
    for (const task of tasks) openTasks.set(task.entity_ref, Number(task.id));

    const totals: { drifted: boolean | number; count: string | number }[] =
      await this.db('convention_status')
        .modify(builder => {
          if (only) builder.whereIn('entity_ref', only);
        })
        .select('drifted')
        .count({ count: '*' })
        .groupBy('drifted');
    const countOf = (drifted: boolean) =>
      totals
        .filter(row => Boolean(row.drifted) === drifted)
        .reduce((sum, row) => sum + Number(row.count), 0);

    return {
      items: rows.map(
        (row): ConventionComplianceRow => ({
          entityRef: row.entity_ref,
          packId: row.pack_id,
          drifted: Boolean(row.drifted),
          summary: JSON.parse(row.summary),
          driftedItems: JSON.parse(row.drifted_items),
          warningCount: Number(row.warning_count),
          ...(pullRequests.has(row.entity_ref)
            ? { pullRequest: pullRequests.get(row.entity_ref) }
            : {}),
          ...(openTasks.has(row.entity_ref)
            ? { openTaskId: openTasks.get(row.entity_ref) }
            : {}),
          scannedAt: new Date(row.scanned_at).toISOString(),
        }),
      ),
      totalCount: Number(count),
      offset: query.offset,
      limit: query.limit,
      totals: {
        components: countOf(true) + countOf(false),
        compliant: countOf(false),
        drifted: countOf(true),
      },
    };
  }
}
