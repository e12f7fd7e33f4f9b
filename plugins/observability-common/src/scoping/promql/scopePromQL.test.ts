import { parser } from '@prometheus-io/lezer-promql';
import { LabelMatcher } from '../../matchers/LabelMatcher';
import { scopingHarness } from '../__testUtils__/scopingHarness';
import { scopePromQL } from './scopePromQL';

const { scoped, rejection, errorNodes } = scopingHarness(scopePromQL, parser);

describe('scopePromQL', () => {
  it.each([
    ['up', 'up{namespace="payments"}'],
    ['up{}', 'up{namespace="payments"}'],
    ['up{job="api"}', 'up{job="api", namespace="payments"}'],
    ['up{job="api",}', 'up{job="api", namespace="payments"}'],
    ['{job="api"}', '{job="api", namespace="payments"}'],
  ])('adds the scope to %s', (query, expected) => {
    expect(scoped(query)).toBe(expected);
  });

  it.each([
    ['{namespace="other"}', '{namespace="payments"}'],
    ['{namespace=~"payments|other"}', '{namespace="payments"}'],
    ['{namespace=~".*"}', '{namespace="payments"}'],
    ['{namespace!="payments"}', '{namespace="payments"}'],
    ['{namespace!~"x"}', '{namespace="payments"}'],
    [
      'up{namespace="a", job="x", namespace="b"}',
      'up{job="x", namespace="payments"}',
    ],
    ['up{namespace="a", job="x"}', 'up{job="x", namespace="payments"}'],
    ['up{job="x",namespace="a",}', 'up{job="x", namespace="payments"}'],
  ])('replaces conflicting matchers in %s', (query, expected) => {
    expect(scoped(query)).toBe(expected);
  });

  it.each([
    ['{"namespace"="other", job="x"}', '{job="x", namespace="payments"}'],
    ["{'namespace'=~'.*'}", '{namespace="payments"}'],
    ['{`namespace`!=`x`}', '{namespace="payments"}'],
    ['{"n\\x61mespace"="other"}', '{namespace="payments"}'],
    ['{"n\\u0061mespace"="other"}', '{namespace="payments"}'],
    ['{"n\\141mespace"="other"}', '{namespace="payments"}'],
  ])('recognises the scope label however %s spells it', (query, expected) => {
    expect(scoped(query)).toBe(expected);
  });

  it('scopes both sides of or, unless and and', () => {
    expect(
      scoped(
        'sum(rate(http_requests_total{job="api"}[5m])) or sum(rate(http_requests_total[5m]))',
      ),
    ).toBe(
      'sum(rate(http_requests_total{job="api", namespace="payments"}[5m])) or sum(rate(http_requests_total{namespace="payments"}[5m]))',
    );
    expect(scoped('up unless on(job) {namespace="other"}')).toBe(
      'up{namespace="payments"} unless on(job) {namespace="payments"}',
    );
    expect(scoped('a and ignoring(x) b')).toBe(
      'a{namespace="payments"} and ignoring(x) b{namespace="payments"}',
    );
  });

  it('scopes subqueries and matrix selectors', () => {
    expect(scoped('rate(x[5m])[1h:1m]')).toBe(
      'rate(x{namespace="payments"}[5m])[1h:1m]',
    );
    expect(
      scoped('max_over_time(rate(x{namespace="o"}[5m])[1h:] offset 1d)'),
    ).toBe('max_over_time(rate(x{namespace="payments"}[5m])[1h:] offset 1d)');
    expect(scoped('(up)[5m:1m]')).toBe('(up{namespace="payments"})[5m:1m]');
  });

  it('scopes function arguments, absent() and label_replace()', () => {
    expect(scoped('absent(nonexistent{job="x"})')).toBe(
      'absent(nonexistent{job="x", namespace="payments"})',
    );
    // Renaming namespace in the output cannot widen what the inner selector reads.
    expect(
      scoped(
        'label_replace(up{namespace="other"}, "namespace", "payments", "", "")',
      ),
    ).toBe(
      'label_replace(up{namespace="payments"}, "namespace", "payments", "", "")',
    );
    expect(
      scoped('histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))'),
    ).toBe(
      'histogram_quantile(0.9, sum by (le) (rate(h_bucket{namespace="payments"}[5m])))',
    );
  });

  it('scopes selectors by __name__, quoted metric names and function-named metrics', () => {
    expect(scoped('{__name__=~".+"}')).toBe(
      '{__name__=~".+", namespace="payments"}',
    );
    expect(scoped('{"my.metric"}')).toBe('{"my.metric", namespace="payments"}');
    expect(scoped('{"ünï.métric", "namespace"="o"}')).toBe(
      '{"ünï.métric", namespace="payments"}',
    );
    expect(scoped('rate + sum{a="b"}')).toBe(
      'rate{namespace="payments"} + sum{a="b", namespace="payments"}',
    );
  });

  it('tells a metric called namespace from a namespace matcher', () => {
    expect(scoped('{"namespace"}')).toBe('{"namespace", namespace="payments"}');
    expect(scoped('namespace{"namespace"="x"}')).toBe(
      'namespace{namespace="payments"}',
    );
  });

  it('reads keywords case-insensitively, as Prometheus does', () => {
    expect(scoped('SUM BY (x) (up) OR Down')).toBe(
      'SUM BY (x) (up{namespace="payments"}) OR Down{namespace="payments"}',
    );
    expect(scoped('up # c\n{a="b"}')).toBe(
      'up # c\n{a="b", namespace="payments"}',
    );
  });

  it('keeps offset and @ modifiers', () => {
    expect(scoped('up offset 1h @ start()')).toBe(
      'up{namespace="payments"} offset 1h @ start()',
    );
    expect(scoped('rate(up[5m] @ end() offset -1h)')).toBe(
      'rate(up{namespace="payments"}[5m] @ end() offset -1h)',
    );
    expect(scoped('up @ 1609746000')).toBe(
      'up{namespace="payments"} @ 1609746000',
    );
  });

  it('scopes nested aggregations and vector matching', () => {
    expect(
      scoped(
        'topk(3, sum by (pod) (rate(x[5m]))) / ignoring(pod) group_left sum(rate(x[5m]))',
      ),
    ).toBe(
      'topk(3, sum by (pod) (rate(x{namespace="payments"}[5m]))) / ignoring(pod) group_left sum(rate(x{namespace="payments"}[5m]))',
    );
    expect(
      scoped('count_values("namespace", sum without (namespace) (up))'),
    ).toBe(
      'count_values("namespace", sum without (namespace) (up{namespace="payments"}))',
    );
  });

  it('leaves queries that read no series unchanged', () => {
    for (const query of [
      '1+1',
      '-2',
      'time()',
      'vector(1)',
      '"hello"',
      'pi() * 2',
    ]) {
      expect(scoped(query)).toBe(query);
    }
  });

  it('keeps comments and layout exactly', () => {
    expect(scoped('up # {namespace="other"}')).toBe(
      'up{namespace="payments"} # {namespace="other"}',
    );
    const query = [
      'sum by (job) (  # per job',
      '  rate(http_requests_total{',
      '    job="api", # the API',
      '    namespace="other"',
      '  }[5m])',
      ')',
    ].join('\n');
    expect(scoped(query)).toBe(
      [
        'sum by (job) (  # per job',
        '  rate(http_requests_total{',
        '    job="api", # the API',
        '    namespace="payments"}[5m])',
        ')',
      ].join('\n'),
    );
    expect(scoped('up{namespace="a" # c\n, job="x"}')).toBe(
      'up{ # c\n job="x", namespace="payments"}',
    );
  });

  it('quotes scope values', () => {
    const result = scoped('up', [
      { name: 'namespace', op: '=', value: 'pa"y\\me\nnts' },
    ]);
    expect(result).toBe('up{namespace="pa\\"y\\\\me\\nnts"}');
  });

  it('adds several scope matchers, regex ones included', () => {
    expect(
      scoped('up{tier="db", namespace="x"}', [
        { name: 'namespace', op: '=', value: 'payments' },
        { name: 'tier', op: '=~', value: 'web|api' },
      ]),
    ).toBe('up{namespace="payments", tier=~"web|api"}');
  });

  it('is idempotent', () => {
    for (const query of [
      'up',
      'up{job="x",}',
      '{namespace=~".*", job="x"} or down',
      'rate(x[5m])[1h:1m]',
    ]) {
      const once = scoped(query);
      expect(scoped(once)).toBe(once);
    }
  });

  it.each([
    ['up{', 'PromQL syntax error at line 1, column 4: unexpected end of input'],
    ['sum(', 'PromQL syntax error at line 1, column 5'],
    ['up)', 'PromQL syntax error at line 1, column 3: unexpected ")"'],
    ['up\n  {a="b"} {c="d"}', 'PromQL syntax error at line 2'],
    ['"abc', 'invalid or unterminated string "abc'],
    ['up{a="\\q"}', 'invalid or unterminated string "\\q"'],
    ['', 'The PromQL query is empty'],
    ['# just a comment', 'PromQL syntax error'],
  ])('rejects %j as a syntax error', (query, message) => {
    const error = rejection(query);
    expect(error.reason).toBe('syntax-error');
    expect(error.message).toContain(message);
  });

  it('reports where the syntax error is', () => {
    expect(rejection('up + (').position).toBe(6);
  });

  it('refuses, rather than passes on, queries beyond the parser limits', () => {
    // 200 chained selectors parse, but once scoped the chain exceeds lezer's limits.
    const chain = Array.from(
      { length: 200 },
      (_, i) => `rate(m${i}{job="x"}[5m])`,
    ).join(' + ');
    expect(errorNodes(chain)).toEqual([]);
    const error = rejection(chain);
    expect(error.reason).toBe('unsupported');
    expect(error.message).toContain('could not be checked once scoped');
    expect(rejection(`${'('.repeat(10000)}up${')'.repeat(10000)}`).reason).toBe(
      'syntax-error',
    );
  });

  it('rejects info(), whose info series no selector can scope', () => {
    const error = rejection(
      'info(rate(http_requests_total[5m]), {k8s_cluster_name=~".+"})',
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toBe(
      'info() at line 1, column 1 reads info series that cannot be restricted to the scope',
    );
    // A metric that happens to be called info is an ordinary selector.
    expect(scoped('info{a="b"}')).toBe('info{a="b", namespace="payments"}');
  });

  it('rejects selectors left without a non-empty matcher', () => {
    const negative: LabelMatcher[] = [{ name: 'tier', op: '!=', value: 'db' }];
    expect(scoped('up', negative)).toBe('up{tier!="db"}');
    const error = rejection('sum({job!="a"})', negative);
    expect(error.reason).toBe('no-positive-matcher');
    expect(error.message).toContain('selector at line 1, column 5');
    expect(rejection('{""}', negative).reason).toBe('no-positive-matcher');
  });

  it.each<[LabelMatcher[], string]>([
    [[], 'No scope matchers given'],
    [
      [{ name: 'app.kubernetes.io/name', op: '=', value: 'x' }],
      'Invalid scope label name',
    ],
    [
      [{ name: '__name__', op: '=', value: 'up' }],
      'Invalid scope label name "__name__"',
    ],
    [[{ name: 'a', op: '==' as '=', value: 'x' }], 'Invalid operator "=="'],
    [
      [{ name: 'a', op: '=', value: 1 as unknown as string }],
      'is not a string',
    ],
  ])('rejects the scope %j', (scope, message) => {
    const error = rejection('up', scope);
    expect(error.reason).toBe('invalid-scope');
    expect(error.message).toContain(message);
  });
});
