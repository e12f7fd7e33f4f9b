import type {
  GoldenSignal,
  GoldenSignalName,
  InvestigationSignalChange,
} from '@catalyst/plugin-observability-common';

// The median: the ramp of a rate window before the start barely moves it.
function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Each series of each golden signal, before the alert started and since: the medians,
 * their ratio, and when the series first crossed half-way between them.
 */
export function signalChanges(
  signals: Partial<Record<GoldenSignalName, GoldenSignal>> | undefined,
  alertStart: number,
): InvestigationSignalChange[] {
  const changes: InvestigationSignalChange[] = [];
  for (const [name, signal] of Object.entries(signals ?? {}) as [
    GoldenSignalName,
    GoldenSignal,
  ][]) {
    for (const series of signal.series) {
      const points = series.timestamps
        .map((t, i) => [t, series.values[i]] as const)
        .filter((p): p is readonly [number, number] => p[1] !== null);
      const before = median(
        points.filter(([t]) => t < alertStart).map(([, v]) => v),
      );
      const during = median(
        points.filter(([t]) => t >= alertStart).map(([, v]) => v),
      );
      const change: InvestigationSignalChange = {
        signal: name,
        series: series.labels.signal ?? name,
        unit: signal.unit,
        before,
        during,
      };
      if (before !== null && during !== null) {
        if (before > 0) change.factor = during / before;
        if (during !== before) {
          const half = before + (during - before) / 2;
          const rising = during > before;
          const crossed = points.find(([, v]) =>
            rising ? v >= half : v <= half,
          );
          if (crossed) change.onset = crossed[0];
        }
      }
      changes.push(change);
    }
  }
  return changes;
}
