import fc from 'fast-check';
import {
  duration,
  innerGap,
  listSeparator,
  matchOp,
  quotedValue,
} from './queryParts';

const labelName = fc.constantFrom(
  'app',
  'namespace',
  'tier',
  'level',
  'pod',
  'team',
);

const streamMatcher = fc
  .tuple(labelName, innerGap, matchOp, innerGap, quotedValue(false))
  .map(([name, gap1, op, gap2, value]) => `${name}${gap1}${op}${gap2}${value}`);

const streamSelector = fc
  .tuple(
    streamMatcher,
    fc.array(fc.tuple(listSeparator, streamMatcher), { maxLength: 3 }),
    fc.constantFrom('', ' '),
  )
  .map(
    ([first, rest, pad]) =>
      `{${pad}${first}${rest.map(([sep, m]) => sep + m).join('')}${pad}}`,
  );

const labelFilter = fc
  .tuple(labelName, matchOp, quotedValue(false))
  .map(([name, op, value]) => ` | ${name}${op}${value}`);

const stage = fc.oneof(
  fc.constantFrom(
    ' |= "error"',
    ' != `debug`',
    ' |~ "time.+out"',
    ' !~ "healthz"',
    ' | json',
    ' | logfmt',
    ' | unpack',
    ' | pattern "<_> <status> <_>"',
    ' | regexp "(?P<method>\\\\w+)"',
    ' | status >= 400',
    ' | duration > 10s',
    ' | level="error" or namespace=~".*"',
    ' | line_format "{{.msg}}"',
    ' | label_format namespace="other"',
    ' | label_format dst=src',
    ' | drop pod, namespace',
    ' | keep level',
    ' | decolorize',
    ' # a comment\n',
  ),
  labelFilter,
);

const pipeline = fc
  .array(stage, { maxLength: 4 })
  .map(stages => stages.join(''));

const logQuery = fc
  .tuple(streamSelector, pipeline)
  .map(([selector, stages]) => selector + stages);

const offset = fc.constantFrom('', '', ' offset 1h');
const grouping = fc.constantFrom('', '', ' by (pod)', ' without (level)');

const rangeAggregation = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'count_over_time',
        'rate',
        'bytes_over_time',
        'bytes_rate',
        'absent_over_time',
      ),
      logQuery,
      duration,
      offset,
    )
    .map(([op, log, d, o]) => `${op}(${log} [${d}]${o})`),
  fc
    .tuple(
      fc.constantFrom(
        'sum_over_time',
        'avg_over_time',
        'max_over_time',
        'quantile_over_time(0.99, ',
      ),
      streamSelector,
      pipeline,
      fc.constantFrom('latency', 'duration(took)', 'bytes(size)'),
      duration,
      grouping,
    )
    .map(
      ([op, selector, stages, unwrapped, d, g]) =>
        `${
          op.endsWith(' ') ? op : `${op}(`
        }${selector}${stages} | unwrap ${unwrapped} [${d}])${g}`,
    ),
);

/** Random LogQL: log queries with pipelines, and metric queries built on them. */
export const logqlQuery: fc.Arbitrary<string> = fc.oneof(
  logQuery,
  fc.letrec<{ metric: string }>(tie => {
    const metric = tie('metric');
    return {
      metric: fc.oneof(
        { maxDepth: 4, depthIdentifier: 'logql', depthSize: 'large' },
        { arbitrary: rangeAggregation, weight: 3 },
        { arbitrary: fc.constantFrom('1', 'vector(1)'), weight: 1 },
        fc
          .tuple(
            fc.constantFrom('sum', 'avg', 'max', 'count', 'stddev'),
            grouping,
            fc.boolean(),
            metric,
          )
          .map(([op, g, before, m]) =>
            before && g ? `${op}${g} (${m})` : `${op}(${m})${g}`,
          ),
        fc
          .tuple(
            fc.constantFrom('topk(3, ', 'bottomk(2, ', 'sort(', 'sort_desc('),
            metric,
          )
          .map(([head, m]) => `${head}${m})`),
        metric.map(m => `label_replace(${m}, "namespace", "payments", "", "")`),
        {
          weight: 3,
          arbitrary: fc
            .tuple(
              metric,
              fc.constantFrom(
                ' + ',
                ' - ',
                ' * ',
                ' / on(pod) ',
                ' % ',
                ' ^ ',
                ' > bool ',
                ' == ',
                ' and ',
                ' or ',
                ' unless ignoring(level) ',
              ),
              metric,
            )
            .map(([a, op, b]) => `(${a})${op}(${b})`),
        },
      ),
    };
  }).metric,
);
