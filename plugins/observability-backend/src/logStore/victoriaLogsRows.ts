import { LogLine } from '@catalyst/plugin-observability-common';

/** One row of a VictoriaLogs answer: every field as a string. */
export type VictoriaLogsRow = Record<string, string>;

const RFC3339 =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
// A stream label as VictoriaLogs writes `_stream`: name="value", the value JSON-escaped.
const STREAM_LABEL = /([^{},=\s"]+|"(?:[^"\\]|\\.)*")="((?:[^"\\]|\\.)*)"/g;

/** Nanoseconds since the epoch of an RFC 3339 time with up to nine fractional digits. */
export function rfc3339ToNanoseconds(time: string): bigint | undefined {
  const match = RFC3339.exec(time);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  return BigInt(seconds) * 1_000_000n + fraction;
}

/** The labels of a `_stream` value such as `{app="api",namespace="payments"}`. */
export function parseStreamLabels(stream: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, name, value] of stream.matchAll(STREAM_LABEL)) {
    const key = name.startsWith('"') ? JSON.parse(name) : name;
    labels[key] = JSON.parse(`"${value}"`);
  }
  return labels;
}

/** Newline-delimited JSON rows; blank lines are skipped. */
export function parseRows(text: string): VictoriaLogsRow[] {
  const rows: VictoriaLogsRow[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '') rows.push(JSON.parse(line) as VictoriaLogsRow);
    start = end + 1;
  }
  return rows;
}

/**
 * Nanoseconds (as decimal text) and milliseconds since the epoch of an RFC 3339 time,
 * built as text where the nanoseconds are past 2^53: no BigInt per line.
 */
function timestampsOf(time: string | undefined): {
  nanoseconds: string;
  milliseconds: number;
} {
  const match = time ? RFC3339.exec(time) : null;
  const ms = match ? Date.parse(`${match[1]}${match[3]}`) : NaN;
  if (!match || Number.isNaN(ms)) return { nanoseconds: '0', milliseconds: 0 };
  const fraction = (match[2] ?? '').padEnd(9, '0');
  if (ms <= 0) {
    // Before the epoch (or at it): rare enough for BigInt.
    const ns = BigInt(ms) * 1_000_000n + BigInt(fraction);
    return {
      nanoseconds: ns.toString(),
      milliseconds: Number(ns / 1_000_000n),
    };
  }
  return {
    nanoseconds: `${ms / 1000}${fraction}`,
    milliseconds: ms + Number(fraction.slice(0, 3)),
  };
}

/**
 * A row as a log line: `_msg` is the line, `_stream` its labels, and the other fields
 * (minus the stream labels, which are repeated as fields) its fields. A row without `_msg`,
 * such as the output of a `stats` pipe, is shown as its JSON.
 */
export function toLogLine(
  row: VictoriaLogsRow,
  streams?: Map<string, Record<string, string>>,
): LogLine {
  const stream = row._stream;
  const labels = stream ? streamLabels(stream, streams) : {};
  const fields: Record<string, string> = {};
  for (const name in row) {
    if (!Object.prototype.hasOwnProperty.call(row, name)) continue;
    if (
      name === '_time' ||
      name === '_msg' ||
      name === '_stream' ||
      name === '_stream_id'
    ) {
      continue;
    }
    const value = row[name];
    if (labels[name] !== value) fields[name] = String(value);
  }
  const { nanoseconds, milliseconds } = timestampsOf(row._time);
  return {
    timestampNs: nanoseconds,
    timestamp: milliseconds,
    line: row._msg ?? JSON.stringify(row),
    labels,
    fields,
  };
}

/**
 * The rows of one answer as log lines. Rows of one answer repeat a handful of streams, so
 * each distinct `_stream` is parsed once; every line still gets its own labels object.
 */
export function toLogLines(rows: VictoriaLogsRow[]): LogLine[] {
  const streams = new Map<string, Record<string, string>>();
  return rows.map(row => toLogLine(row, streams));
}

function streamLabels(
  stream: string,
  streams: Map<string, Record<string, string>> | undefined,
): Record<string, string> {
  let parsed = streams?.get(stream);
  if (!parsed) {
    parsed = parseStreamLabels(stream);
    streams?.set(stream, parsed);
  }
  return { ...parsed };
}

/**
 * Orders lines by time, oldest first for `forward`. `timestampNs` is a non-negative decimal
 * integer without leading zeros, so a shorter string is an earlier time and equal lengths
 * compare as text: no BigInt per comparison.
 */
export function sortLines(
  lines: LogLine[],
  direction: 'forward' | 'backward',
): LogLine[] {
  const sign = direction === 'forward' ? 1 : -1;
  return lines.sort((a, b) => {
    const x = a.timestampNs;
    const y = b.timestampNs;
    if (x.length !== y.length) return x.length < y.length ? -sign : sign;
    if (x === y) return 0;
    return x < y ? -sign : sign;
  });
}
