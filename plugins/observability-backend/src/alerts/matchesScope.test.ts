import { matchesScope } from './matchesScope';

describe('matchesScope', () => {
  const labels = { namespace: 'payments', app: 'payments-api', tier: 'web' };

  it('applies each operator with Prometheus semantics', () => {
    expect(
      matchesScope(labels, [{ name: 'namespace', op: '=', value: 'payments' }]),
    ).toBe(true);
    expect(
      matchesScope(labels, [{ name: 'namespace', op: '=', value: 'pay' }]),
    ).toBe(false);
    expect(
      matchesScope(labels, [{ name: 'tier', op: '=~', value: 'web|api' }]),
    ).toBe(true);
    // Regexes are anchored: "pay" does not match "payments".
    expect(
      matchesScope(labels, [{ name: 'namespace', op: '=~', value: 'pay' }]),
    ).toBe(false);
    expect(
      matchesScope(labels, [{ name: 'tier', op: '!~', value: 'db.*' }]),
    ).toBe(true);
    expect(
      matchesScope(labels, [{ name: 'app', op: '!=', value: 'payments-api' }]),
    ).toBe(false);
  });

  it('treats a missing label as empty and an invalid regex as matching nothing', () => {
    expect(matchesScope(labels, [{ name: 'team', op: '=', value: '' }])).toBe(
      true,
    );
    expect(matchesScope(labels, [{ name: 'team', op: '!=', value: '' }])).toBe(
      false,
    );
    expect(matchesScope(labels, [{ name: 'tier', op: '=~', value: '(' }])).toBe(
      false,
    );
    expect(matchesScope(labels, [{ name: 'tier', op: '!~', value: '(' }])).toBe(
      false,
    );
  });

  it('needs every matcher', () => {
    expect(
      matchesScope(labels, [
        { name: 'namespace', op: '=', value: 'payments' },
        { name: 'app', op: '=', value: 'checkout' },
      ]),
    ).toBe(false);
  });
});

describe('matchesScope on hostile patterns', () => {
  it('matches a backtracking bomb against a long value in linear time, with RE2 semantics', () => {
    // On a backtracking engine this pattern takes exponential time on 40 a's and a "!".
    const bomb = { name: 'path', op: '=~' as const, value: '(a+)+$' };
    expect(matchesScope({ path: `${'a'.repeat(40)}!` }, [bomb])).toBe(false);
    expect(matchesScope({ path: 'a'.repeat(40) }, [bomb])).toBe(true);
    // Lookahead is not RE2: the pattern matches nothing instead of running.
    expect(
      matchesScope({ path: 'x' }, [
        { name: 'path', op: '=~', value: '(?=x)x' },
      ]),
    ).toBe(false);
  });
});
