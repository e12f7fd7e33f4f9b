import { ScopedQuery } from './series';

/**
 * The query language of a log store: LogsQL (VictoriaLogs, the default) or LogQL (the
 * opt-in Loki adapter).
 *
 * @public
 */
export type LogQueryLanguage = 'logsql' | 'logql';

/**
 * Log levels the level filter takes, matched against the `level` field of a line.
 *
 * @public
 */
export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
] as const;

/**
 * One of {@link LOG_LEVELS}.
 *
 * @public
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Query string of `GET /entities/:kind/:namespace/:name/logs`: a log query in the store's
 * language (LogsQL for VictoriaLogs), scoped on the server to the entity.
 *
 * @public
 */
export type LogsRequest = {
  /** LogsQL (or LogQL for a Loki store); defaults to every line of the entity's scope. */
  query?: string;
  /** Comma-separated levels (see LOG_LEVELS); only lines of these levels. */
  level?: string;
  /** RFC 3339 or Unix seconds; defaults to one hour before `end`. */
  start?: string;
  /** RFC 3339 or Unix seconds; defaults to now. */
  end?: string;
  /** Maximum lines, at most `observability.limits.maxLogLines` (default 1000). */
  limit?: string;
  direction?: 'forward' | 'backward';
};

/**
 * One log line: its time, message, the labels of its stream and its other fields.
 *
 * @public
 */
export type LogLine = {
  /** Unix time in nanoseconds, as a decimal string (it does not fit a JS number). */
  timestampNs: string;
  /** The same time in milliseconds, for display. */
  timestamp: number;
  /** The message (`_msg`), or the whole row as JSON when it has none. */
  line: string;
  /** Stream labels, e.g. `namespace` and `app`. */
  labels: Record<string, string>;
  /** The line's other fields (level, trace_id, ...); absent for a Loki store. */
  fields?: Record<string, string>;
  /** Link to the line's trace, when `observability.tracing.urlTemplate` has `{{traceId}}`. */
  traceUrl?: string;
};

/**
 * Answer of the logs route.
 *
 * @public
 */
export type LogsResponse = {
  entityRef: string;
  /** The log store instance that answered. */
  instance: string;
  language: LogQueryLanguage;
  /**
   * The query as sent. For VictoriaLogs the scope is not in the text: it travels beside it
   * as the stream filter in `scope`.
   */
  query: ScopedQuery;
  /** The server-side stream filter the store applied to the query and all its subqueries. */
  scope: string;
  lines: LogLine[];
  /** True when the store returned as many lines as the limit: there may be more. */
  limitReached: boolean;
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/logs/volume`: lines per step and level.
 *
 * @public
 */
export type LogVolumeResponse = {
  entityRef: string;
  instance: string;
  /** Seconds per bucket. */
  step: number;
  /** One series per level (`level` is empty for lines without one). */
  series: { level: string; timestamps: number[]; values: number[] }[];
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/logs/fields` and
 * `.../logs/fields/:field/values`: names or values seen in the entity's lines, most
 * frequent first.
 *
 * @public
 */
export type LogFieldsResponse = {
  entityRef: string;
  instance: string;
  values: { value: string; hits: number }[];
};
