import { boundRange, readTime } from './QueryLimits';

const limits = {
  maxRangeMs: 7 * 86_400_000,
  maxLookbackMs: 7 * 86_400_000,
  maxPoints: 11_000,
  maxSeries: 500,
  maxLogLines: 5000,
  queryTimeoutMs: 30_000,
};
const HOUR = 3_600_000;

describe('boundRange', () => {
  it('keeps a reasonable step and defaults to about 250 points', () => {
    expect(boundRange({ start: 0, end: HOUR, step: '15' }, limits)).toEqual({
      start: 0,
      end: HOUR,
      stepSeconds: 15,
    });
    expect(
      boundRange({ start: 0, end: HOUR, step: '1m' }, limits).stepSeconds,
    ).toBe(60);
    expect(boundRange({ start: 0, end: HOUR }, limits).stepSeconds).toBe(15);
  });

  it('raises the step so that no series has more than maxPoints points', () => {
    const { stepSeconds } = boundRange(
      { start: 0, end: 7 * 24 * HOUR, step: '1' },
      limits,
    );
    expect(stepSeconds).toBe(55);
    expect((7 * 24 * 3600) / stepSeconds + 1).toBeLessThanOrEqual(11_000);
  });

  it('refuses ranges that are too long, backwards or have a bad step', () => {
    expect(() => boundRange({ start: 0, end: 8 * 24 * HOUR }, limits)).toThrow(
      /8 days, longer than the allowed 7 days/,
    );
    expect(() => boundRange({ start: HOUR, end: 0 }, limits)).toThrow(
      /is before start/,
    );
    expect(() =>
      boundRange({ start: 0, end: HOUR, step: '-5' }, limits),
    ).toThrow(/step must be positive/);
    expect(() =>
      boundRange({ start: 0, end: HOUR, step: 'often' }, limits),
    ).toThrow(/step must be positive/);
  });
});

describe('readTime', () => {
  it('reads times and names the parameter when it cannot', () => {
    expect(readTime('1700000000', 'start')).toBe(1_700_000_000_000);
    expect(readTime(undefined, 'end', 42)).toBe(42);
    expect(() => readTime(undefined, 'start')).toThrow(/start is required/);
    expect(() => readTime('tomorrow', 'end')).toThrow(
      /end must be RFC 3339 or Unix seconds, got 'tomorrow'/,
    );
  });
});
