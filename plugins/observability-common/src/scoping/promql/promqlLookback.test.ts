import { QueryScopeError } from '../QueryScopeError';
import { scopePromQL } from './scopePromQL';

const scope = [{ name: 'namespace', op: '=' as const, value: 'payments' }];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10);
const limits = {
  maxLookbackMs: 7 * DAY,
  maxSubqueryPoints: 11_000,
  window: { start: NOW, end: NOW },
};

function refusal(query: string): QueryScopeError {
  try {
    scopePromQL(query, scope, limits);
  } catch (error) {
    if (error instanceof QueryScopeError) return error;
    throw error;
  }
  throw new Error(`${query} was not refused`);
}

describe('scopePromQL with lookback limits', () => {
  it('adds up ranges, subqueries, offsets and @ distances per selector', () => {
    expect(refusal('rate(x[8d])').message).toBe(
      'The selector at line 1, column 6 reads 8d back (ranges, subqueries, offset and @ added up), more than the allowed 7d',
    );
    expect(refusal('x offset 1w1d').message).toMatch(/reads 8d back/);
    expect(refusal('x offset -8d').message).toMatch(/reads 8d back/);
    expect(refusal('max_over_time(rate(x[4d])[4d:1h])').message).toMatch(
      /reads 8d back/,
    );
    expect(refusal('sum(x[3d:1h] offset 5d)').message).toMatch(/reads 8d back/);
    expect(refusal(`x @ ${(NOW - 8 * DAY) / 1000}`).message).toMatch(
      /reads 8d back/,
    );
    expect(refusal('x[691201]').message).toMatch(/reads 8d back/);
    expect(refusal('up or rate(y[1y])').reason).toBe('lookback-too-long');
  });

  it('refuses subqueries denser than the point limit', () => {
    const error = refusal('max_over_time(x[30d:1s])');
    expect(error.reason).toBe('lookback-too-long');
    expect(error.message).toBe(
      'The subquery at line 1, column 15 evaluates 2592000 points, more than the allowed 11000: use a larger step or a shorter range',
    );
  });

  it('refuses duration expressions it cannot bound', () => {
    const error = refusal('x[2 * 1h]');
    expect(error.reason).toBe('unsupported');
    expect(error.message).toMatch(/'2 \* 1h' .* is not a literal/);
  });

  it('lets queries within the limit through, scoped', () => {
    expect(
      scopePromQL(
        'max_over_time(rate(x[1d])[5d:1h] offset 1h) + y @ start() + z[5m] @ end()',
        scope,
        limits,
      ),
    ).toBe(
      'max_over_time(rate(x{namespace="payments"}[1d])[5d:1h] offset 1h) + y{namespace="payments"} @ start() + z{namespace="payments"}[5m] @ end()',
    );
    expect(scopePromQL(`x @ ${NOW / 1000 - 60}`, scope, limits)).toBe(
      `x{namespace="payments"} @ ${NOW / 1000 - 60}`,
    );
    // Without limits nothing is bounded.
    expect(scopePromQL('x[30d:1s]', scope)).toBe(
      'x{namespace="payments"}[30d:1s]',
    );
  });
});
