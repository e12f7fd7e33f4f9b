import fc from 'fast-check';
import {
  duration,
  innerGap,
  listSeparator,
  matchOp,
  quotedValue,
} from './queryParts';

const labelName = fc.constantFrom(
  'job',
  'namespace',
  'tier',
  'app',
  'pod',
  'le',
  '__name__',
  '"namespace"',
  '"n\\u0061mespace"',
  '"service.name"',
  "'tier'",
);

const labelMatcher = fc
  .tuple(labelName, innerGap, matchOp, innerGap, quotedValue(true))
  .map(([name, gap1, op, gap2, value]) => `${name}${gap1}${op}${gap2}${value}`);

const metricName = fc.constantFrom(
  'up',
  'http_requests_total',
  'job:requests:rate5m',
  'rate',
  'info',
);

/** `{...}` with 0-4 items, any separators, maybe a trailing comma. */
const matcherList = (items: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.array(fc.tuple(items, listSeparator), { maxLength: 4 }),
      fc.boolean(),
      fc.constantFrom('', ' ', '\n'),
    )
    .map(([pairs, trailing, pad]) => {
      const body = pairs
        .map(([item, sep], i) =>
          i < pairs.length - 1 || trailing ? item + sep : item,
        )
        .join('');
      return `{${pad}${body}${pad}}`;
    });

const selector = fc.oneof(
  metricName,
  fc.tuple(metricName, matcherList(labelMatcher)).map(([m, l]) => m + l),
  matcherList(labelMatcher),
  fc
    .tuple(
      fc.constantFrom('"my.metric"', '"ünï.métric"'),
      matcherList(labelMatcher),
    )
    .map(
      ([name, list]) =>
        `{${name}${list === '{}' ? '' : `, ${list.slice(1, -1)}`}}`,
    ),
);

const modifiers = fc.constantFrom(
  '',
  '',
  ' offset 5m',
  ' offset -1h',
  ' @ start()',
  ' @ end() offset 10m',
  ' offset 1h @ 1609746000',
);

const instantSelector = fc.tuple(selector, modifiers).map(([s, m]) => s + m);

const rangeCall = fc
  .tuple(
    fc.constantFrom(
      'rate',
      'increase',
      'max_over_time',
      'absent_over_time',
      'changes',
    ),
    selector,
    duration,
    modifiers,
  )
  .map(([fn, s, d, m]) => `${fn}(${s}[${d}]${m})`);

const literal = fc.constantFrom(
  '1',
  '0.5',
  '1e3',
  '0x1f',
  'Inf',
  'time()',
  'vector(1)',
  'pi()',
);

/** Random PromQL expressions: selectors under functions, aggregations, subqueries and binary operators. */
export const promqlQuery: fc.Arbitrary<string> = fc.letrec<{ expr: string }>(
  tie => {
    const expr = tie('expr');
    return {
      expr: fc.oneof(
        { maxDepth: 5, depthIdentifier: 'promql', depthSize: 'large' },
        { arbitrary: instantSelector, weight: 2 },
        { arbitrary: rangeCall, weight: 2 },
        { arbitrary: literal, weight: 1 },
        fc
          .tuple(
            fc.constantFrom(
              'abs',
              'absent',
              'sort_desc',
              'ceil',
              'timestamp',
              'scalar',
            ),
            expr,
          )
          .map(([fn, e]) => `${fn}(${e})`),
        fc
          .tuple(
            fc.constantFrom('max_over_time', 'avg_over_time', 'deriv'),
            expr,
            duration,
            fc.constantFrom('', '1m'),
            modifiers,
          )
          .map(([fn, e, d, step, m]) => `${fn}((${e})[${d}:${step}]${m})`),
        rangeCall.map(call => `max_over_time(${call}[1h:1m])`),
        expr.map(e => `label_replace(${e}, "namespace", "payments", "", "")`),
        expr.map(e => `histogram_quantile(0.9, ${e})`),
        fc
          .tuple(
            fc.constantFrom('sum', 'avg', 'max', 'count', 'group'),
            fc.constantFrom(
              'by (namespace)',
              'without (pod)',
              'by ()',
              'by ("service.name", job)',
            ),
            fc.boolean(),
            expr,
          )
          .map(([op, mod, before, e]) =>
            before ? `${op} ${mod} (${e})` : `${op}(${e}) ${mod}`,
          ),
        fc
          .tuple(
            fc.constantFrom(
              'topk(3, ',
              'quantile(0.9, ',
              'count_values("namespace", ',
            ),
            expr,
          )
          .map(([head, e]) => `${head}${e})`),
        {
          weight: 4,
          arbitrary: fc
            .tuple(
              expr,
              fc.constantFrom(
                ' + ',
                ' - ',
                ' * ',
                ' / ignoring(pod) group_left() ',
                ' % on(job) ',
                ' ^ ',
                ' > bool ',
                ' == ',
                ' and ',
                ' or ',
                ' unless on(namespace) ',
                ' atan2 ',
                ' # between\n or ',
              ),
              expr,
            )
            .map(([a, op, b]) => `(${a})${op}(${b})`),
        },
        expr.map(e => `-(${e})`),
      ),
    };
  },
).expr;
