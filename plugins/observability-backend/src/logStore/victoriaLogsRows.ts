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
  return text
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => JSON.parse(line) as VictoriaLogsRow);
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
  const {
    _time: time,
    _msg: message,
    _stream: stream,
    _stream_id: _streamId,
    ...rest
  } = row;
  const nanoseconds = (time ? rfc3339ToNanoseconds(time) : undefined) ?? 0n;
  const labels = stream ? streamLabels(stream, streams) : {};
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (labels[name] !== value) fields[name] = String(value);
  }
  return {
    timestampNs: nanoseconds.toString(),
    timestamp: Number(nanoseconds / 1_000_000n),
    line: message ?? JSON.stringify(row),
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
