import {
  AlertRule,
  GoldenSignalMetrics,
} from '@catalyst/plugin-observability-common';
import { errorRatioQuery } from '../goldenSignals/goldenSignalQueries';

/**
 * The multi-window multi-burn-rate alerts of the Google SRE workbook (chapter "Alerting on
 * SLOs"): each pairs a long and a short window that must both burn the error budget
 * faster than `factor` times the sustainable rate.
 */
export const BURN_RATE_WINDOWS = [
  { long: '1h', short: '5m', factor: 14.4, kind: 'page' },
  { long: '6h', short: '30m', factor: 6, kind: 'page' },
  { long: '1d', short: '2h', factor: 3, kind: 'ticket' },
  { long: '3d', short: '6h', factor: 1, kind: 'ticket' },
] as const;

/** Every window a burn-rate rule reads, each recorded once. */
export const SLO_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

/** Name of the recorded error ratio of an SLO over a window. */
export function sloErrorRatioRecord(window: string): string {
  return `catalyst:slo_error_ratio:rate${window}`;
}

/**
 * The unscoped error ratio of the SLI over a window: failed requests for `error_rate`,
 * requests slower than `threshold` seconds (a histogram bucket boundary) for `latency`.
 */
export function sliErrorRatio(
  rule: AlertRule,
  metrics: GoldenSignalMetrics,
  window: string,
): string {
  if (rule.signalType === 'error_rate') {
    return errorRatioQuery(metrics, window);
  }
  const name = metrics.requestDuration;
  return `1 - (sum(rate(${name}_bucket{le="${rule.threshold}"}[${window}])) / sum(rate(${name}_count[${window}])))`;
}
