import type { PlatformTaskBreaker } from '@catalyst/plugin-platform-common';
import { Knex } from 'knex';
import { BreakerRow, toBreaker, toDate } from './TaskRows';

/** The breaker that pauses all GitHub work after a rate limit or refused credentials. */
export const GITHUB_BREAKER = 'github';

/** The breaker of one task type in one repository. */
export function repositoryBreakerKey(repository: string, taskType: string) {
  return `repo:${repository}:${taskType}`;
}

/** When a breaker opens and how long it stays open. */
export interface BreakerPolicy {
  failureThreshold: number;
  cooldownMs: number;
}

/**
 * The platform_task_breakers table. Every change is a conditional update in
 * the database, so replicas agree on the state and on who runs the probe.
 */
export class TaskBreakerStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<PlatformTaskBreaker[]> {
    const rows = await this.db<BreakerRow>('platform_task_breakers').orderBy(
      'key',
    );
    return rows.map(toBreaker);
  }

  async get(keys: string[]): Promise<PlatformTaskBreaker[]> {
    const rows = await this.db<BreakerRow>('platform_task_breakers')
      .whereIn('key', keys)
      .orderBy('key');
    return rows.map(toBreaker);
  }

  /**
   * Moves an open breaker whose cool-down is over to half open, for one probe
   * that holds it until `now + probeMs`. Only one caller wins.
   */
  async startProbe(
    key: string,
    now: Date,
    probeMs: number,
    tx: Knex = this.db,
  ): Promise<boolean> {
    const updated = await tx('platform_task_breakers')
      .where({ key })
      .whereNot('state', 'closed')
      .where('open_until', '<=', now)
      .update({
        state: 'half_open',
        open_until: new Date(now.getTime() + probeMs),
        updated_at: now,
      });
    return updated === 1;
  }

  /** A real success behind these breakers closes them. */
  async recordSuccess(keys: string[], now: Date): Promise<void> {
    await this.db('platform_task_breakers')
      .whereIn('key', keys)
      .where(q =>
        q.whereNot('state', 'closed').orWhere('consecutive_failures', '>', 0),
      )
      .update({
        state: 'closed',
        consecutive_failures: 0,
        open_until: null,
        updated_at: now,
      });
  }

  /**
   * Counts a real failure. The breaker opens once the threshold is reached,
   * at once when a probe fails, or when `trip` says so (a rate limit, refused
   * credentials); it stays open until `openUntil` or the cool-down is over.
   */
  async recordFailure(
    key: string,
    options: {
      now: Date;
      policy: BreakerPolicy;
      error: string;
      trip?: boolean;
      openUntil?: Date;
    },
  ): Promise<PlatformTaskBreaker> {
    const { now, policy, error } = options;
    return this.db.transaction(async tx => {
      await tx('platform_task_breakers')
        .insert({
          key,
          state: 'closed',
          consecutive_failures: 0,
          updated_at: now,
        })
        .onConflict('key')
        .ignore();
      let query = tx<BreakerRow>('platform_task_breakers').where({ key });
      if (tx.client.config.client === 'pg') query = query.forUpdate();
      const row = (await query.first())!;
      const failures = row.consecutive_failures + 1;
      const open =
        options.trip ||
        row.state === 'half_open' ||
        failures >= policy.failureThreshold;
      const cooledDownAt = new Date(now.getTime() + policy.cooldownMs);
      const previousUntil =
        row.state === 'open' && row.open_until ? toDate(row.open_until) : now;
      const until = new Date(
        Math.max(
          (options.openUntil ?? cooledDownAt).getTime(),
          previousUntil.getTime(),
        ),
      );
      const next = {
        state: open ? 'open' : row.state,
        consecutive_failures: failures,
        open_until: open ? until : row.open_until,
        last_error: error.slice(0, 4000),
        updated_at: now,
      };
      await tx('platform_task_breakers').where({ key }).update(next);
      return toBreaker({ ...row, ...next } as BreakerRow);
    });
  }
}
