import { parser } from '@grafana/lezer-logql';
import { LabelMatcher } from '../../matchers/LabelMatcher';
import { scopingHarness } from '../__testUtils__/scopingHarness';
import { scopeLogQL } from './scopeLogQL';

const { scoped, rejection } = scopingHarness(scopeLogQL, parser);

describe('scopeLogQL', () => {
  it('scopes the stream selector of a log query and keeps its pipeline', () => {
    expect(scoped('{app="x"} |= "err" | json | line_format "{{.msg}}"')).toBe(
      '{app="x", namespace="payments"} |= "err" | json | line_format "{{.msg}}"',
    );
  });

  it.each([
    ['{namespace="other"}', '{namespace="payments"}'],
    ['{namespace=~".+"}', '{namespace="payments"}'],
    [
      '{namespace=~"payments|other", app="x"}',
      '{app="x", namespace="payments"}',
    ],
    ['{app="x", namespace!="payments"}', '{app="x", namespace="payments"}'],
    [
      '{namespace="a", app="x", namespace="b"}',
      '{app="x", namespace="payments"}',
    ],
  ])('replaces conflicting matchers in %s', (query, expected) => {
    expect(scoped(query)).toBe(expected);
  });

  it('leaves label filters after | alone', () => {
    expect(
      scoped(
        '{app="x"} | logfmt | namespace="other" or namespace=~".*" | level!="debug"',
      ),
    ).toBe(
      '{app="x", namespace="payments"} | logfmt | namespace="other" or namespace=~".*" | level!="debug"',
    );
    expect(scoped('{app="x"} | label_format namespace="other"')).toBe(
      '{app="x", namespace="payments"} | label_format namespace="other"',
    );
  });

  it('scopes metric queries', () => {
    expect(scoped('sum by (level) (count_over_time({app="x"}[5m]))')).toBe(
      'sum by (level) (count_over_time({app="x", namespace="payments"}[5m]))',
    );
    expect(
      scoped(
        'quantile_over_time(0.99, {app="x"} | json | unwrap latency [5m]) by (pod)',
      ),
    ).toBe(
      'quantile_over_time(0.99, {app="x", namespace="payments"} | json | unwrap latency [5m]) by (pod)',
    );
    expect(scoped('count_over_time({app="x"}[5m] offset 1h)')).toBe(
      'count_over_time({app="x", namespace="payments"}[5m] offset 1h)',
    );
    expect(
      scoped(
        'label_replace(rate({app="x"}[1m]), "namespace", "payments", "", "")',
      ),
    ).toBe(
      'label_replace(rate({app="x", namespace="payments"}[1m]), "namespace", "payments", "", "")',
    );
  });

  it('scopes both sides of binary operations', () => {
    expect(
      scoped(
        'sum(rate({app="a"} |= "error" [5m])) / on() sum(rate({app="a"}[5m]))',
      ),
    ).toBe(
      'sum(rate({app="a", namespace="payments"} |= "error" [5m])) / on() sum(rate({app="a", namespace="payments"}[5m]))',
    );
    expect(
      scoped(
        'rate({a="1"}[1m]) or rate({namespace="other"}[1m]) unless rate({b="2"}[1m])',
      ),
    ).toBe(
      'rate({a="1", namespace="payments"}[1m]) or rate({namespace="payments"}[1m]) unless rate({b="2", namespace="payments"}[1m])',
    );
  });

  it('leaves queries without stream selectors unchanged', () => {
    for (const query of ['vector(1)', '1 + 2', 'vector(0) * 3']) {
      expect(scoped(query)).toBe(query);
    }
  });

  it('keeps comments and layout', () => {
    expect(scoped('{app="x", # which app\n namespace="o"} # done')).toBe(
      '{app="x", # which app\n namespace="payments"} # done',
    );
    // A comment between a matcher's tokens is not its operator.
    const negative: LabelMatcher[] = [{ name: 'tier', op: '!=', value: 'db' }];
    expect(scoped('{app # name\n= # op\n"x"}', negative)).toBe(
      '{app # name\n= # op\n"x", tier!="db"}',
    );
  });

  it('adds the scope to a selector that only had negative matchers', () => {
    expect(scoped('{app!="x"}')).toBe('{app!="x", namespace="payments"}');
  });

  it('rejects a selector the scope would leave without a non-empty matcher', () => {
    const negative: LabelMatcher[] = [
      { name: 'tier', op: '!~', value: 'db|cache' },
    ];
    expect(scoped('{app="x"}', negative)).toBe('{app="x", tier!~"db|cache"}');
    const error = rejection('rate({app=~".*"}[5m])', negative);
    expect(error.reason).toBe('no-positive-matcher');
    expect(error.message).toContain('LogQL selector at line 1, column 6');
  });

  it.each([
    ['{}', 'LogQL syntax error at line 1, column 2'],
    ['{app="x"', 'LogQL syntax error'],
    ['{app="x"} |= "unterminated', 'LogQL syntax error at line 1, column 14'],
    ['{app="x"} |= "bad \\q escape"', 'invalid or unterminated string'],
    ['{app="\\q"}', 'invalid or unterminated string'],
    ['count_over_time({app="x"})', 'LogQL syntax error'],
    // Loki accepts a trailing comma; the lezer grammar does not, so neither do we.
    ['{app="x",}', 'LogQL syntax error'],
    ['', 'The LogQL query is empty'],
  ])('rejects %j as a syntax error', (query, message) => {
    const error = rejection(query);
    expect(error.reason).toBe('syntax-error');
    expect(error.message).toContain(message);
  });
});
