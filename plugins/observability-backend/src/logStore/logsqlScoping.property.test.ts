import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  createServerDirectory,
  ServerProcess,
} from '../__testUtils__/observabilityServers';
import {
  STREAM_FIELDS,
  twoComponentsLogs,
} from '../__testUtils__/twoComponentsLogs';
import {
  startVictoriaLogs,
  victoriaLogsBinary,
  VictoriaLogsServer,
} from '../__testUtils__/victoriaLogsServer';
import { VictoriaLogsStore } from './VictoriaLogsStore';
import { parseRows } from './victoriaLogsRows';

const RUNS = 2000;
const PAYMENTS = [{ name: 'namespace', op: '=' as const, value: 'payments' }];

// Filters, many of them aimed at the other component's stream.
const filter: fc.Arbitrary<string> = fc.letrec<{ filter: string }>(tie => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      '*',
      'ok',
      'failed',
      'checkout',
      '"cart"',
      'i(CHECKOUT)',
      'level:error',
      'level:in(error, warn)',
      '!level:info',
      '_msg:~"check.*"',
      'namespace:checkout',
      'namespace:=checkout',
      'app:in(checkout-web, payments-api)',
      'cart_id:*',
      'user:~"checkout.*"',
      'seq:*',
      '_time:1d',
      '{namespace="checkout"}',
      '_stream:{namespace="checkout"}',
      '_stream:{namespace=~".*"}',
      '_stream:{namespace=~"check.*|pay.*"}',
      '_stream:{app!="payments-api"}',
      '_stream:{namespace!=""}',
      '-_stream:{namespace="payments"}',
      '_stream_id:in(* | fields _stream_id)',
      '_stream_id:in(_stream:{namespace="checkout"} | fields _stream_id)',
      'namespace:in(_stream:{namespace="checkout"} | fields namespace)',
      'cart_id:in(* | fields cart_id)',
    ),
    fc.tuple(tie('filter'), tie('filter')).map(([a, b]) => `${a} ${b}`),
    fc.tuple(tie('filter'), tie('filter')).map(([a, b]) => `(${a} or ${b})`),
    tie('filter').map(a => `not (${a})`),
  ),
})).filter;

// Pipes that read other data, or reshape rows while keeping a field that names the component.
const pipe: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'limit 5',
    'sort by (_time) desc',
    'fields _msg, _stream',
    'fields app, seq',
    'fields namespace, user',
    'uniq by (app)',
    'stats by (namespace) count() hits',
    'stats by (app, user) count()',
    'first 3 by (_time)',
  ),
  filter.map(f => `filter ${f}`),
  filter.map(f => `union (${f})`),
  filter.map(f => `join by (app) (${f} | fields app, cart_id)`),
  filter.map(f => `join by (level) (${f} | fields level, seq)`),
);

const query = fc
  .tuple(filter, fc.array(pipe, { maxLength: 3 }))
  .map(([f, pipes]) => [f, ...pipes].join(' | '));

describe('LogsQL scoping against a real VictoriaLogs', () => {
  const servers: ServerProcess[] = [];
  let directory: Awaited<ReturnType<typeof createServerDirectory>>;
  let victoriaLogs: VictoriaLogsServer;
  let store: VictoriaLogsStore;
  const end = Date.now();
  const window = { start: end - 3600_000, end: end + 1000 };

  beforeAll(async () => {
    directory = await createServerDirectory();
    victoriaLogs = await startVictoriaLogs({
      binary: victoriaLogsBinary(),
      dir: directory.dir,
    });
    servers.push(victoriaLogs);
    const { payments, checkout } = twoComponentsLogs(end);
    await victoriaLogs.ingest([...payments, ...checkout], STREAM_FIELDS);
    store = new VictoriaLogsStore({
      kind: 'logs',
      type: 'victorialogs',
      name: 'scoping',
      baseUrl: victoriaLogs.url,
      headers: {},
      timeoutMs: 10_000,
    });
  });

  afterAll(async () => {
    await Promise.all(servers.map(s => s.stop()));
    await directory?.remove();
  });

  /** The same query straight to VictoriaLogs without the scope: what it would read. */
  async function unscoped(text: string): Promise<string[] | undefined> {
    const response = await fetch(`${victoriaLogs.url}/select/logsql/query`, {
      method: 'POST',
      body: new URLSearchParams({
        query: text,
        start: new Date(window.start).toISOString(),
        end: new Date(window.end).toISOString(),
        limit: '200',
      }),
    });
    if (!response.ok) return undefined;
    return parseRows(await response.text()).map(row => JSON.stringify(row));
  }

  it(`returns only the scoped component's rows for ${RUNS} generated LogsQL queries`, async () => {
    const counts = { answered: 0, withRows: 0, wouldLeak: 0 };
    const refusals: unknown[] = [];
    await fc.assert(
      fc.asyncProperty(query, async text => {
        let rows: string[];
        try {
          const { lines } = await store.query({
            matchers: PAYMENTS,
            query: text,
            ...window,
            limit: 200,
            direction: 'backward',
            timeoutMs: 10_000,
          });
          rows = lines.map(line => JSON.stringify(line));
        } catch (error) {
          refusals.push(error);
          return;
        }
        counts.answered++;
        if (rows.length > 0) counts.withRows++;
        const leaked = rows.filter(row => row.includes('checkout'));
        expect(leaked).toEqual([]);
        if ((await unscoped(text))?.some(row => row.includes('checkout'))) {
          counts.wouldLeak++;
        }
      }),
      { numRuns: RUNS },
    );
    // A query VictoriaLogs cannot parse is refused as the user's mistake, nothing else.
    expect(refusals.filter(error => !(error instanceof InputError))).toEqual(
      [],
    );
    // The property is not vacuous: most queries ran, many returned rows, and many read
    // the other component when sent without the scope.
    expect(counts.answered).toBeGreaterThan(RUNS / 2);
    expect(counts.withRows).toBeGreaterThan(RUNS / 4);
    expect(counts.wouldLeak).toBeGreaterThan(RUNS / 4);
    // 4,000 round trips to VictoriaLogs: a minute on a quiet 2-core machine, more on a busy one.
  }, 300_000);
});
