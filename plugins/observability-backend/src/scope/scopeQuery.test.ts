import { scopePromQL } from '@catalyst/plugin-observability-common';
import { ScopedPromQLCache, scopeEntityPromQL } from './scopeQuery';

const payments = [{ name: 'namespace', op: '=' as const, value: 'payments' }];
const billing = [{ name: 'namespace', op: '=' as const, value: 'billing' }];
const limits = { maxLookbackMs: 86_400_000, maxSubqueryPoints: 11_000 };

describe('ScopedPromQLCache', () => {
  it('answers what scopePromQL answers, per scope', () => {
    const cache = new ScopedPromQLCache(10);
    const query = 'sum(rate(up[5m])) or {namespace="other"}';
    for (let i = 0; i < 2; i++) {
      expect(cache.scope(query, payments, limits)).toBe(
        scopePromQL(query, payments, limits),
      );
      expect(cache.scope(query, billing, limits)).toBe(
        'sum(rate(up{namespace="billing"}[5m])) or {namespace="billing"}',
      );
    }
    expect(cache.size).toBe(2);
  });

  it('stays within its bound', () => {
    const cache = new ScopedPromQLCache(5);
    for (let i = 0; i < 50; i++) cache.scope(`up + ${i}`, payments, limits);
    expect(cache.size).toBe(5);
  });

  it('keys `@` queries by their window and refuses the same way as without the cache', () => {
    const cache = new ScopedPromQLCache(10);
    const query = 'up @ 1700000000';
    const near = { start: 1_700_000_000_000, end: 1_700_000_000_000 };
    const far = { start: near.start + 2 * 86_400_000, end: near.end };
    expect(cache.scope(query, payments, { ...limits, window: near })).toBe(
      'up{namespace="payments"} @ 1700000000',
    );
    expect(() =>
      cache.scope(query, payments, { ...limits, window: far }),
    ).toThrow(/further back|reads/);
    expect(() => scopeEntityPromQL('info(up)', payments)).toThrow(
      /cannot be scoped/,
    );
  });
});
