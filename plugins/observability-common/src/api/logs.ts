import { ScopedQuery } from './series';

/**
 * Query string of `GET /entities/:kind/:namespace/:name/logs`: a LogQL log query.
 *
 * @public
 */
export type LogsRequest = {
  /** LogQL; defaults to every stream of the entity's scope. */
  query?: string;
  /** RFC 3339 or Unix seconds; defaults to one hour before `end`. */
  start?: string;
  /** RFC 3339 or Unix seconds; defaults to now. */
  end?: string;
  /** Maximum lines, at most 5000 (default 1000). */
  limit?: string;
  direction?: 'forward' | 'backward';
};

/**
 * One log line with the labels of its stream.
 *
 * @public
 */
export type LogLine = {
  /** Unix time in nanoseconds, as a decimal string (it does not fit a JS number). */
  timestampNs: string;
  /** The same time in milliseconds, for display. */
  timestamp: number;
  line: string;
  labels: Record<string, string>;
};

/**
 * Answer of the logs route.
 *
 * @public
 */
export type LogsResponse = {
  entityRef: string;
  instance: string;
  query: ScopedQuery;
  lines: LogLine[];
  /** True when Loki returned as many lines as the limit: there may be more. */
  limitReached: boolean;
};
