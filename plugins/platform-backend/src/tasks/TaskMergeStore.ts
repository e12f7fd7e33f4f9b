import type {
  PlatformTask,
  PlatformTaskMerge,
} from '@catalyst/plugin-platform-common';
import { Knex } from 'knex';
import { TaskRow, toTask } from './TaskRows';

/**
 * The auto-merge columns of `platform_tasks`: which pull requests still wait
 * for their checks, and what the last look at each one found.
 */
export class TaskMergeStore {
  constructor(private readonly db: Knex) {}

  /** Tasks whose pull request waits for its checks, least recently looked at first. */
  async listWaiting(limit: number): Promise<PlatformTask[]> {
    const rows = await this.db<TaskRow>('platform_tasks')
      .where('merge_state', 'waiting')
      .orderByRaw('merge_checked_at IS NOT NULL, merge_checked_at, id')
      .limit(limit);
    return rows.map(toTask);
  }

  /** Records what the last look found; only while the task still waits. */
  async record(
    id: number,
    merge: Pick<PlatformTaskMerge, 'state' | 'detail'>,
    now: Date,
  ): Promise<boolean> {
    const updated = await this.db('platform_tasks')
      .where({ id, merge_state: 'waiting' })
      .update({
        merge_state: merge.state,
        merge_detail: merge.detail?.slice(0, 4000) ?? null,
        merge_checked_at: now,
        updated_at: now,
      });
    return updated === 1;
  }
}
