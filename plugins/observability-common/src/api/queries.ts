import { ScopedQuery, TimeSeries } from './series';

/**
 * Query string of `GET /entities/:kind/:namespace/:name/query`: a PromQL instant query.
 *
 * @public
 */
export type InstantQueryRequest = {
  query: string;
  /** Evaluation time, RFC 3339 or Unix seconds. Defaults to now. */
  time?: string;
};

/**
 * Query string of `GET /entities/:kind/:namespace/:name/query_range`.
 *
 * @public
 */
export type RangeQueryRequest = {
  query: string;
  /** RFC 3339 or Unix seconds. */
  start: string;
  /** RFC 3339 or Unix seconds. */
  end: string;
  /**
   * Seconds between points (or a duration like `30s`). Raised to the smallest step that
   * keeps a series under 11,000 points; defaults to about 250 points over the range.
   */
  step?: string;
};

/**
 * Answer of the instant and range query routes. Vectors come back as series with one point.
 *
 * @public
 */
export type QueryResponse = {
  entityRef: string;
  /** The Prometheus instance that answered. */
  instance: string;
  /** The query as sent, after scoping. */
  query: ScopedQuery;
  resultType: 'matrix' | 'vector' | 'scalar' | 'string';
  series: TimeSeries[];
  /** Present for range queries: the window and step actually used (ms and seconds). */
  range?: { start: number; end: number; step: number };
  /** True when more series matched than `observability.limits.maxSeries`. */
  truncated: boolean;
  /** Number of series the server returned before truncation. */
  seriesTotal: number;
  /** Warnings reported by Prometheus. */
  warnings: string[];
};

/**
 * Answer of `GET /entities/:kind/:namespace/:name/labels`: label names present in the
 * entity's scope.
 *
 * @public
 */
export type LabelNamesResponse = {
  entityRef: string;
  instance: string;
  labels: string[];
};
