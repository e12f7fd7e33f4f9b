import {
  formatPrometheusDuration,
  parsePrometheusDuration,
} from './prometheusDuration';
import { parseTimeParam } from './parseTimeParam';

describe('parsePrometheusDuration', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['250ms', 250],
    ['0s', 0],
    ['1w2d', 9 * 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parsePrometheusDuration(text)).toBe(ms);
  });

  it.each(['', '5', 'm5', '5 m', '1.5h', '30m1h', '-5m', '5mm'])(
    'refuses %p',
    text => {
      expect(parsePrometheusDuration(text)).toBeUndefined();
    },
  );

  it('writes durations back in the same syntax', () => {
    expect(formatPrometheusDuration(5_400_000)).toBe('1h30m');
    expect(formatPrometheusDuration(15_000)).toBe('15s');
    expect(formatPrometheusDuration(0)).toBe('0s');
    for (const text of ['1d6h', '2m30s', '1w', '1s500ms']) {
      expect(formatPrometheusDuration(parsePrometheusDuration(text)!)).toBe(
        text,
      );
    }
  });
});

describe('parseTimeParam', () => {
  it('reads Unix seconds and RFC 3339', () => {
    expect(parseTimeParam('1700000000')).toBe(1_700_000_000_000);
    expect(parseTimeParam('1700000000.25')).toBe(1_700_000_000_250);
    expect(parseTimeParam('2026-01-02T03:04:05Z')).toBe(
      Date.UTC(2026, 0, 2, 3, 4, 5),
    );
    expect(parseTimeParam('2026-01-02T03:04:05.5+01:00')).toBe(
      Date.UTC(2026, 0, 2, 2, 4, 5, 500),
    );
  });

  it('refuses anything else', () => {
    expect(parseTimeParam('yesterday')).toBeUndefined();
    expect(parseTimeParam('2026-13-45T99:00:00Z')).toBeUndefined();
    expect(parseTimeParam('')).toBeUndefined();
  });
});
