import type { TimeSeries } from '@catalyst/plugin-observability-common';

/** Recharts wants one row per timestamp with a column per series. */
export function chartRows(series: TimeSeries[]) {
  const rows = new Map<number, Record<string, number | null>>();
  series.forEach((s, index) => {
    s.timestamps.forEach((timestamp, i) => {
      const row = rows.get(timestamp) ?? { timestamp };
      row[`s${index}`] = s.values[i];
      rows.set(timestamp, row);
    });
  });
  return [...rows.values()].sort(
    (a, b) => (a.timestamp as number) - (b.timestamp as number),
  );
}
