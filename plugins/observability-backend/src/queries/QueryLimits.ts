import { InputError } from '@backstage/errors';
import { parsePrometheusDuration } from '../time/prometheusDuration';
import { parseTimeParam } from '../time/parseTimeParam';
import { ObservabilityConfig } from '../config';

/** A query window and step within the configured limits. */
export type BoundedRange = { start: number; end: number; stepSeconds: number };

/** Points a range query aims for when no step is given. */
const DEFAULT_POINTS = 250;

/** Reads a time parameter or throws InputError naming it. */
export function readTime(
  value: string | undefined,
  name: string,
  fallback?: number,
): number {
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new InputError(`${name} is required (RFC 3339 or Unix seconds)`);
  }
  const ms = parseTimeParam(value);
  if (ms === undefined) {
    throw new InputError(
      `${name} must be RFC 3339 or Unix seconds, got '${value}'`,
    );
  }
  return ms;
}

/**
 * Bounds a range query: the window may not be longer than `maxRange` nor end before it
 * starts, and the step is raised so that no series has more than `maxPoints` points
 * (Prometheus refuses more than 11,000).
 */
export function boundRange(
  request: { start: number; end: number; step?: string },
  limits: ObservabilityConfig['limits'],
): BoundedRange {
  const { start, end } = request;
  if (end < start) {
    throw new InputError(
      `end (${new Date(end).toISOString()}) is before start (${new Date(
        start,
      ).toISOString()})`,
    );
  }
  if (end - start > limits.maxRangeMs) {
    throw new InputError(
      `The time range is ${formatHours(
        end - start,
      )}, longer than the allowed ${formatHours(
        limits.maxRangeMs,
      )} (observability.limits.maxRange)`,
    );
  }
  const minStepSeconds = Math.max(
    1,
    Math.ceil((end - start) / 1000 / (limits.maxPoints - 1)),
  );
  let stepSeconds: number;
  if (request.step === undefined || request.step === '') {
    stepSeconds = Math.max(
      minStepSeconds,
      Math.ceil((end - start) / 1000 / DEFAULT_POINTS),
    );
  } else {
    const asNumber = Number(request.step);
    const ms = Number.isFinite(asNumber)
      ? asNumber * 1000
      : parsePrometheusDuration(request.step);
    if (ms === undefined || !(ms > 0)) {
      throw new InputError(
        `step must be positive seconds or a duration such as '30s', got '${request.step}'`,
      );
    }
    stepSeconds = Math.max(minStepSeconds, ms / 1000);
  }
  return { start, end, stepSeconds };
}

function formatHours(ms: number): string {
  const hours = ms / 3600_000;
  return hours >= 48
    ? `${+(hours / 24).toFixed(2)} days`
    : `${+hours.toFixed(2)} hours`;
}
