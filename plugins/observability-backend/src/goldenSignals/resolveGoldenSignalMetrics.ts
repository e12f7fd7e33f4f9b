import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  GoldenSignalMetrics,
  GoldenSignalsResponse,
  isValidLabelName,
  LabelMatcher,
} from '@catalyst/plugin-observability-common';
import { z } from 'zod';
import { PrometheusClient } from '../clients/PrometheusClient';
import { ObservabilityConfig } from '../config';
import { GOLDEN_SIGNALS_ANNOTATION } from '../scope/annotations';
import { scopeEntityPromQL } from '../scope/scopeQuery';
import {
  OPENTELEMETRY_METRICS,
  PROMETHEUS_CLIENT_METRICS,
  PROMETHEUS_CLIENT_STATUS_LABELS,
} from './instrumentations';

const metricName = z
  .string()
  .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'not a metric name');

const annotationSchema = z
  .object({
    instrumentation: z.enum(['prometheus-client', 'opentelemetry']).optional(),
    requestDuration: metricName.optional(),
    statusLabel: z
      .string()
      .refine(isValidLabelName, 'not a label name')
      .optional(),
    errorStatus: z.string().min(1).optional(),
    cpuUsage: metricName.optional(),
    memoryUsage: metricName.optional(),
    resourceLimits: metricName.optional(),
  })
  .strict();

/** How far back detection looks for series. */
const DETECTION_WINDOW_MS = 3600_000;

type Resolved = {
  metrics: GoldenSignalMetrics;
  source: GoldenSignalsResponse['metricsSource'];
};

/**
 * Picks the metric names of an entity's golden signals: the `catalyst.dev/golden-signals`
 * annotation, else `observability.goldenSignals.instrumentation`, else whichever of the
 * known instrumentations has series in the entity's scope, else Prometheus client names.
 */
export async function resolveGoldenSignalMetrics(options: {
  entity: Entity;
  matchers: LabelMatcher[];
  prometheus: PrometheusClient;
  config: ObservabilityConfig['goldenSignals'];
  now?: number;
}): Promise<Resolved> {
  const { entity, matchers, prometheus, config } = options;
  const overrides = config.metricOverrides;
  const annotation = readAnnotation(entity);
  if (annotation) {
    const { instrumentation, ...names } = annotation;
    const base =
      instrumentation === 'opentelemetry'
        ? OPENTELEMETRY_METRICS
        : PROMETHEUS_CLIENT_METRICS;
    const custom = names.requestDuration !== undefined && !instrumentation;
    return {
      metrics: {
        ...base,
        ...overrides,
        ...names,
        instrumentation: custom ? 'custom' : base.instrumentation,
      },
      source: 'annotation',
    };
  }
  if (config.instrumentation !== 'auto') {
    const base =
      config.instrumentation === 'opentelemetry'
        ? OPENTELEMETRY_METRICS
        : PROMETHEUS_CLIENT_METRICS;
    return { metrics: { ...base, ...overrides }, source: 'config' };
  }
  const detected = await detectInstrumentation(
    prometheus,
    matchers,
    options.now ?? Date.now(),
  );
  if (detected) {
    return { metrics: { ...detected, ...overrides }, source: 'detected' };
  }
  return {
    metrics: { ...PROMETHEUS_CLIENT_METRICS, ...overrides },
    source: 'default',
  };
}

function readAnnotation(entity: Entity) {
  const text = entity.metadata.annotations?.[GOLDEN_SIGNALS_ANNOTATION];
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${stringifyEntityRef(
        entity,
      )} has a ${GOLDEN_SIGNALS_ANNOTATION} annotation that is not JSON: ${
        (error as Error).message
      }`,
    );
  }
  const parsed = annotationSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      `${stringifyEntityRef(
        entity,
      )} has an invalid ${GOLDEN_SIGNALS_ANNOTATION} annotation: ${parsed.error.issues
        .map(i => `${i.path.join('.') || 'value'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/** Looks up which request-duration histogram has series in the scope (one series call). */
async function detectInstrumentation(
  prometheus: PrometheusClient,
  matchers: LabelMatcher[],
  now: number,
): Promise<GoldenSignalMetrics | undefined> {
  const names = [PROMETHEUS_CLIENT_METRICS, OPENTELEMETRY_METRICS].map(
    m => `${m.requestDuration}_count`,
  );
  const selector = scopeEntityPromQL(
    `{__name__=~"${names.join('|')}"}`,
    matchers,
  );
  const series = await prometheus.series({
    match: [selector],
    start: now - DETECTION_WINDOW_MS,
    end: now,
  });
  const prometheusClient = series.filter(s => s.__name__ === names[0]);
  if (prometheusClient.length > 0) {
    const statusLabel =
      PROMETHEUS_CLIENT_STATUS_LABELS.find(label =>
        prometheusClient.some(s => s[label] !== undefined),
      ) ?? PROMETHEUS_CLIENT_METRICS.statusLabel;
    return { ...PROMETHEUS_CLIENT_METRICS, statusLabel };
  }
  if (series.some(s => s.__name__ === names[1])) {
    return OPENTELEMETRY_METRICS;
  }
  return undefined;
}
