import { Knex } from 'knex';
import type { ScanCycle } from './scanCycle';

// SQLite allows a limited number of bound values per statement.
const CHUNK = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/**
 * The `platform_scan_cycles` and `platform_scan_items` tables: each paced
 * scan's current cycle, and what it keeps per item between cycles.
 */
export class ScanCycleStore {
  constructor(private readonly db: Knex) {}

  async getCycle(scannerId: string): Promise<ScanCycle | undefined> {
    const row = await this.db('platform_scan_cycles')
      .where({ scanner_id: scannerId })
      .first();
    if (!row) return undefined;
    return {
      startedAt: Number(row.started_at),
      cursor: row.cursor ?? undefined,
      done: Number(row.done),
      found: Number(row.found),
    };
  }

  async saveCycle(scannerId: string, cycle: ScanCycle): Promise<void> {
    await this.db('platform_scan_cycles')
      .insert({
        scanner_id: scannerId,
        started_at: cycle.startedAt,
        cursor: cycle.cursor ?? null,
        done: cycle.done,
        found: cycle.found,
      })
      .onConflict('scanner_id')
      .merge();
  }

  /** The memory of the given items, by key (items without any are left out). */
  async getMemories(
    scannerId: string,
    keys: readonly string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const memories = new Map<string, Record<string, unknown>>();
    for (const part of chunks(keys)) {
      const rows = await this.db('platform_scan_items')
        .where({ scanner_id: scannerId })
        .whereIn('item_key', part)
        .select('item_key', 'memory');
      for (const row of rows)
        memories.set(row.item_key, JSON.parse(row.memory));
    }
    return memories;
  }

  /** Writes the items' memory; undefined removes it. */
  async saveMemories(
    scannerId: string,
    memories: ReadonlyMap<string, Record<string, unknown> | undefined>,
    now: number,
  ): Promise<void> {
    const kept = [...memories].filter(([, memory]) => memory !== undefined);
    const forgotten = [...memories]
      .filter(([, memory]) => memory === undefined)
      .map(([key]) => key);
    for (const part of chunks(kept)) {
      await this.db('platform_scan_items')
        .insert(
          part.map(([key, memory]) => ({
            scanner_id: scannerId,
            item_key: key,
            memory: JSON.stringify(memory),
            seen_at: now,
          })),
        )
        .onConflict(['scanner_id', 'item_key'])
        .merge();
    }
    await this.deleteMemories(scannerId, forgotten);
  }

  /** Removes the memory of items that are no longer scanned; returns how many. */
  async keepOnly(scannerId: string, keys: readonly string[]): Promise<number> {
    const wanted = new Set(keys);
    const stored: { item_key: string }[] = await this.db('platform_scan_items')
      .where({ scanner_id: scannerId })
      .select('item_key');
    const gone = stored.map(row => row.item_key).filter(k => !wanted.has(k));
    await this.deleteMemories(scannerId, gone);
    return gone.length;
  }

  private async deleteMemories(scannerId: string, keys: readonly string[]) {
    for (const part of chunks(keys)) {
      await this.db('platform_scan_items')
        .where({ scanner_id: scannerId })
        .whereIn('item_key', part)
        .delete();
    }
  }
}
