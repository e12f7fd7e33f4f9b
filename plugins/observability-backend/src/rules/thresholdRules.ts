import {
  AlertOperator,
  AlertRule,
  GoldenSignalMetrics,
} from '@catalyst/plugin-observability-common';
import {
  cpuSaturationQuery,
  errorRatioQuery,
  latencyQuery,
  memorySaturationQuery,
  trafficQuery,
} from '../goldenSignals/goldenSignalQueries';

/** A Prometheus alerting or recording rule as written into a rule file. */
export type PrometheusRuleDefinition =
  | {
      alert: string;
      expr: string;
      for?: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }
  | { record: string; expr: string; labels: Record<string, string> };

export const COMPARISON: Record<AlertOperator, string> = {
  gt: '>',
  lt: '<',
  gte: '>=',
  lte: '<=',
};
const OPERATOR_WORDS: Record<AlertOperator, string> = {
  gt: 'above',
  lt: 'below',
  gte: 'at or above',
  lte: 'at or below',
};

export const DEFAULT_LATENCY_QUANTILE = 0.95;

const ALERT_NAMES: Record<AlertRule['signalType'], string> = {
  latency: 'CatalystLatency',
  error_rate: 'CatalystErrorRate',
  traffic: 'CatalystTraffic',
  saturation: 'CatalystSaturation',
};

/** The unscoped condition of a threshold rule: the signal compared to the threshold. */
export function thresholdExpression(
  rule: AlertRule,
  metrics: GoldenSignalMetrics,
  window: string,
): string {
  const cmp = `${COMPARISON[rule.operator]} ${rule.threshold}`;
  switch (rule.signalType) {
    case 'latency':
      return `${latencyQuery(
        metrics,
        rule.quantile ?? DEFAULT_LATENCY_QUANTILE,
        window,
      )} ${cmp}`;
    case 'error_rate':
      return `${errorRatioQuery(metrics, window)} ${cmp}`;
    case 'traffic':
      return `${trafficQuery(metrics, window)} ${cmp}`;
    case 'saturation':
      return `(${cpuSaturationQuery(
        metrics,
        window,
      )} ${cmp}) or (${memorySaturationQuery(metrics)} ${cmp})`;
    default:
      throw new Error(`Unknown signal type ${rule.signalType}`);
  }
}

/** Words for the alert's summary, e.g. `p95 latency above 0.3s`. */
export function thresholdSummary(rule: AlertRule): string {
  const words = OPERATOR_WORDS[rule.operator];
  switch (rule.signalType) {
    case 'latency':
      return `p${
        Math.round((rule.quantile ?? DEFAULT_LATENCY_QUANTILE) * 1000) / 10
      } latency ${words} ${rule.threshold}s`;
    case 'error_rate':
      return `error rate ${words} ${+(rule.threshold * 100).toFixed(4)}%`;
    case 'traffic':
      return `traffic ${words} ${rule.threshold} requests/s`;
    default:
      return `CPU or memory use ${words} ${+(rule.threshold * 100).toFixed(
        4,
      )}% of limits`;
  }
}

/** How the alert's current value is written in its description. */
export function valueTemplate(rule: AlertRule): string {
  switch (rule.signalType) {
    case 'latency':
      return '{{ $value | humanizeDuration }}';
    case 'traffic':
      return '{{ $value | humanize }} requests/s';
    default:
      return '{{ $value | humanizePercentage }}';
  }
}

export function alertName(rule: AlertRule): string {
  return ALERT_NAMES[rule.signalType];
}
