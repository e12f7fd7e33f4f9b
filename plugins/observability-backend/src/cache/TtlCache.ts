/**
 * A bounded map whose entries expire `ttlMs` after they were set (never, when `ttlMs` is
 * Infinity). Beyond `maxEntries` the least recently used entry goes: a Map keeps insertion
 * order, and a hit re-inserts its entry at the end.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /**
   * The cached value of `key`, else `load()`'s, shared by the callers that ask while it
   * loads. A rejected load, or one `keep` refuses, is not kept.
   */
  async getOrLoad<T>(
    this: TtlCache<Promise<T>>,
    key: string,
    load: () => Promise<T>,
    keep: (value: T) => boolean = () => true,
  ): Promise<T> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const loading = load();
    this.set(key, loading);
    const forget = () => {
      if (this.entries.get(key)?.value === loading) this.entries.delete(key);
    };
    try {
      const value = await loading;
      if (!keep(value)) forget();
      return value;
    } catch (error) {
      forget();
      throw error;
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
