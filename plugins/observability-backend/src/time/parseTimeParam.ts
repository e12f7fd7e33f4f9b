/**
 * Reads a time as the Prometheus API accepts it, RFC 3339 or Unix seconds (with
 * fractions), into Unix milliseconds; undefined if it is neither.
 */
export function parseTimeParam(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
