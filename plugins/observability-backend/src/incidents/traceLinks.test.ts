import { AlertEvent, LogLine } from '@catalyst/plugin-observability-common';
import { traceIdsIn, traceLinks } from './traceLinks';

const alert: AlertEvent = {
  id: 1,
  fingerprint: 'f',
  alertName: 'CatalystErrorRate',
  status: 'firing',
  labels: { alertname: 'CatalystErrorRate', cluster: 'eu 1' },
  annotations: {},
  startsAt: '2026-01-01T10:00:00.000Z',
  receivedAt: '2026-01-01T10:00:01.000Z',
};
const line = (text: string): LogLine => ({
  timestampNs: '0',
  timestamp: 0,
  line: text,
  labels: {},
});
const logs = [
  line(
    'level=error msg="charge failed" trace_id=4bf92f3577b34da6a3ce929d0e0e4736',
  ),
  line('{"level":"error","traceId":"00f067aa0ba902b7"}'),
  line('error again trace_id=4bf92f3577b34da6a3ce929d0e0e4736'),
  line('no trace here'),
];

describe('traceLinks', () => {
  it('finds trace ids as OpenTelemetry logs write them', () => {
    expect(traceIdsIn(logs)).toEqual([
      '4bf92f3577b34da6a3ce929d0e0e4736',
      '00f067aa0ba902b7',
    ]);
  });

  it('makes one link per trace id when the template asks for one', () => {
    expect(
      traceLinks({
        template: 'https://tempo.test/trace/{{traceId}}',
        alert,
        window: { start: 1, end: 2 },
        logs,
      }),
    ).toEqual([
      {
        title: 'Trace 4bf92f3577b34da6a3ce929d0e0e4736',
        url: 'https://tempo.test/trace/4bf92f3577b34da6a3ce929d0e0e4736',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      },
      {
        title: 'Trace 00f067aa0ba902b7',
        url: 'https://tempo.test/trace/00f067aa0ba902b7',
        traceId: '00f067aa0ba902b7',
      },
    ]);
  });

  it('otherwise makes one link for the window, with encoded placeholders', () => {
    expect(
      traceLinks({
        template:
          'https://traces.test/?svc={{entityName}}&ns={{namespace}}&from={{startIso}}&c={{labels.cluster}}&x={{unknown}}',
        alert,
        entityName: 'payments-api',
        matchers: [{ name: 'namespace', op: '=', value: 'payments' }],
        window: {
          start: Date.UTC(2026, 0, 1, 9, 30),
          end: Date.UTC(2026, 0, 1, 10, 30),
        },
        logs,
      }),
    ).toEqual([
      {
        title: 'Traces of payments-api around the alert',
        url: 'https://traces.test/?svc=payments-api&ns=payments&from=2026-01-01T09%3A30%3A00.000Z&c=eu%201&x=',
      },
    ]);
  });
});
