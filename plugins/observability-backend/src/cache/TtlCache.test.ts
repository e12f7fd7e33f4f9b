import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('forgets an entry once its TTL has passed', () => {
    let now = 1000;
    const cache = new TtlCache<string>({
      ttlMs: 100,
      maxEntries: 10,
      now: () => now,
    });
    cache.set('a', 'old');
    now = 1099;
    expect(cache.get('a')).toBe('old');
    now = 1100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new TtlCache<number>({ ttlMs: Infinity, maxEntries: 3 });
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i);
    expect(cache.get('a')).toBe(0); // a is now the most recently used
    cache.set('d', 3);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([0, 2, 3]);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
  });

  it('shares one load between concurrent callers and keeps only what keep accepts', async () => {
    const cache = new TtlCache<Promise<string>>({
      ttlMs: 1000,
      maxEntries: 10,
    });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return `v${loads}`;
    };
    const [x, y] = await Promise.all([
      cache.getOrLoad('k', load),
      cache.getOrLoad('k', load),
    ]);
    expect([x, y, loads]).toEqual(['v1', 'v1', 1]);

    expect(await cache.getOrLoad('refused', load, () => false)).toBe('v2');
    expect(await cache.getOrLoad('refused', load, () => false)).toBe('v3');
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<Promise<string>>({
      ttlMs: 1000,
      maxEntries: 10,
    });
    await expect(
      cache.getOrLoad('k', () => Promise.reject(new Error('catalog down'))),
    ).rejects.toThrow('catalog down');
    expect(await cache.getOrLoad('k', async () => 'up')).toBe('up');
  });
});
