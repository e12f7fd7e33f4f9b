/**
 * How a value of a series is shown.
 *
 * @public
 */
export type ValueUnit = 'seconds' | 'requests_per_second' | 'ratio' | 'number';

/** A value in its unit, e.g. `420 ms`, `131.7 req/s`, `3.4 %`; `–` for a gap. */
export function formatValue(value: number | null | undefined, unit: ValueUnit) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  switch (unit) {
    case 'seconds':
      return value < 1 ? `${round(value * 1000)} ms` : `${round(value)} s`;
    case 'requests_per_second':
      return `${round(value)} req/s`;
    case 'ratio':
      return `${round(value * 100)} %`;
    default:
      return String(round(value));
  }
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}
