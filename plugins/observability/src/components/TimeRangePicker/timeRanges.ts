/**
 * The windows the dashboards offer, ending now.
 *
 * @public
 */
export type TimeRangeKey = '15m' | '1h' | '6h' | '24h' | '7d';

/** Window lengths in milliseconds, in the order the picker shows them. */
export const TIME_RANGES: { key: TimeRangeKey; label: string; ms: number }[] = [
  { key: '15m', label: '15m', ms: 15 * 60_000 },
  { key: '1h', label: '1h', ms: 3600_000 },
  { key: '6h', label: '6h', ms: 6 * 3600_000 },
  { key: '24h', label: '24h', ms: 24 * 3600_000 },
  { key: '7d', label: '7d', ms: 7 * 24 * 3600_000 },
];

/** The window of a range key ending at `now` (Unix ms). */
export function timeWindowOf(key: TimeRangeKey, now: number) {
  const range = TIME_RANGES.find(r => r.key === key) ?? TIME_RANGES[1];
  return { start: now - range.ms, end: now };
}
