import { TimeSeries } from '@catalyst/plugin-observability-common';
import {
  PrometheusQueryData,
  PrometheusSample,
} from '../clients/PrometheusClient';

/** Prometheus writes values as strings; NaN and ±Inf have no JSON number. */
export function sampleValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function fromSamples(
  labels: Record<string, string>,
  samples: PrometheusSample[],
): TimeSeries {
  return {
    labels,
    timestamps: samples.map(([t]) => Math.round(t * 1000)),
    values: samples.map(([, v]) => sampleValue(v)),
  };
}

/** Turns any Prometheus query result into series; vectors and scalars get one point. */
export function toTimeSeries(data: PrometheusQueryData): TimeSeries[] {
  switch (data.resultType) {
    case 'matrix':
      return data.result.map(r => fromSamples(r.metric, r.values));
    case 'vector':
      return data.result.map(r => fromSamples(r.metric, [r.value]));
    case 'scalar':
      return [fromSamples({}, [data.result])];
    default:
      return [];
  }
}
