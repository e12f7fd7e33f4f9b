import { LogLine } from '@catalyst/plugin-observability-common';
import {
  parseRows,
  rfc3339ToNanoseconds,
  sortLines,
  toLogLine,
  toLogLines,
} from './victoriaLogsRows';

function line(timestampNs: string): LogLine {
  return {
    timestampNs,
    timestamp: Number(BigInt(timestampNs) / 1_000_000n),
    line: timestampNs,
    labels: {},
    fields: {},
  };
}

describe('sortLines', () => {
  const times = [
    '1733500000000000010',
    '999',
    '1733500000000000002',
    '0',
    '999',
  ];

  it('orders nanosecond times numerically, not as text, in both directions', () => {
    const numeric = [
      '0',
      '999',
      '999',
      '1733500000000000002',
      '1733500000000000010',
    ];
    expect(
      sortLines(times.map(line), 'forward').map(l => l.timestampNs),
    ).toEqual(numeric);
    expect(
      sortLines(times.map(line), 'backward').map(l => l.timestampNs),
    ).toEqual([...numeric].reverse());
  });
});

describe('toLogLines', () => {
  it('parses each stream once but gives every line its own labels', () => {
    const stream = '{app="payments-api",namespace="payments"}';
    const lines = toLogLines([
      {
        _time: '2026-12-07T01:00:00.000000001Z',
        _msg: 'first',
        _stream: stream,
        app: 'payments-api',
        level: 'error',
      },
      { _time: '2026-12-07T01:00:01Z', _msg: 'second', _stream: stream },
    ]);
    expect(lines.map(l => l.labels)).toEqual([
      { app: 'payments-api', namespace: 'payments' },
      { app: 'payments-api', namespace: 'payments' },
    ]);
    expect(lines[0].labels).not.toBe(lines[1].labels);
    expect(lines[0].fields).toEqual({ level: 'error' });
    expect(lines[0].timestampNs).toBe('1796605200000000001');
  });
});

describe('parseRows and toLogLine', () => {
  it('skips blank lines, including a last line without a newline', () => {
    expect(parseRows('{"a":"1"}\n\n  \n{"a":"2"}')).toEqual([
      { a: '1' },
      { a: '2' },
    ]);
    expect(parseRows('')).toEqual([]);
  });

  it('gives the same nanoseconds and milliseconds as rfc3339ToNanoseconds', () => {
    const times = [
      '2026-12-07T01:00:00Z',
      '2026-12-07T01:00:00.5Z',
      '2026-12-07T01:00:00.123456789Z',
      '2026-12-07T03:00:00.000001+02:00',
      '1970-01-01T00:00:00.000000042Z',
      '1969-12-31T23:59:59.25Z',
    ];
    for (const time of times) {
      const ns = rfc3339ToNanoseconds(time)!;
      const parsed = toLogLine({ _time: time, _msg: 'x' });
      expect(parsed.timestampNs).toBe(ns.toString());
      expect(parsed.timestamp).toBe(Number(ns / 1_000_000n));
    }
    expect(toLogLine({ _time: 'yesterday', _msg: 'x' })).toMatchObject({
      timestampNs: '0',
      timestamp: 0,
    });
  });
});
