import { logsTabSearch, readLogsTabWindow } from './logsTabLink';

const read = (search: string) => readLogsTabWindow(new URLSearchParams(search));

describe('logsTabLink', () => {
  it('round-trips a range and a fixed window through the query string', () => {
    expect(read(logsTabSearch({ range: '6h' }))).toEqual({ range: '6h' });
    expect(
      read(logsTabSearch({ start: 1768470000000, end: 1768473600000 })),
    ).toEqual({ start: 1768470000000, end: 1768473600000 });
  });

  it('widens a fractional window to whole milliseconds', () => {
    expect(logsTabSearch({ start: 10.7, end: 20.2 })).toBe('?from=10&to=21');
  });

  it('prefers a fixed window over a range', () => {
    expect(read('?range=1h&from=1000&to=2000')).toEqual({
      start: 1000,
      end: 2000,
    });
  });

  it('ignores windows it cannot use', () => {
    expect(read('')).toBeUndefined();
    expect(read('?range=3y')).toBeUndefined();
    expect(read('?from=2000&to=1000')).toBeUndefined();
    expect(read('?from=abc&to=2000')).toBeUndefined();
    expect(read('?from=1000')).toBeUndefined();
    expect(read('?from=abc&to=2000&range=15m')).toEqual({ range: '15m' });
  });
});
