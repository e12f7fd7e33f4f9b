export {
  INSTANCE_ANNOTATIONS,
  LABEL_SELECTOR_ANNOTATION,
  NAMESPACE_ANNOTATION,
  OBSERVABILITY_LABELS_ANNOTATION,
} from '@catalyst/plugin-observability-common';
/** Metric names of the golden signals, JSON (see GoldenSignalMetrics). */
export const GOLDEN_SIGNALS_ANNOTATION = 'catalyst.dev/golden-signals';
