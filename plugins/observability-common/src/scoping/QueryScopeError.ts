/**
 * Why a query, a matcher or a scope was rejected.
 *
 * - `syntax-error`: the query does not parse.
 * - `unsupported`: the query uses something whose data cannot be restricted to the scope.
 * - `no-positive-matcher`: a selector would be left without a matcher that excludes the
 *   empty string, which Prometheus and Loki refuse.
 * - `invalid-scope`: the scope matchers themselves are unusable.
 * - `invalid-matcher`: a `k=v` matcher string does not parse.
 * - `invalid-label-selector`: a Kubernetes label selector does not parse or cannot be
 *   expressed as label matchers.
 * - `lookback-too-long`: the query reads further back (ranges, subqueries, `offset`, `@`)
 *   or a subquery more densely than the limits allow.
 *
 * @public
 */
export type QueryScopeErrorReason =
  | 'syntax-error'
  | 'unsupported'
  | 'no-positive-matcher'
  | 'invalid-scope'
  | 'invalid-matcher'
  | 'invalid-label-selector'
  | 'lookback-too-long';

/**
 * Thrown when a query cannot be restricted to a scope. The message says why in words a
 * user can act on; the backend turns it into a 400 response.
 *
 * @public
 */
export class QueryScopeError extends Error {
  readonly reason: QueryScopeErrorReason;
  /** Offset in the input text that the problem was found at, when there is one. */
  readonly position?: number;

  constructor(
    reason: QueryScopeErrorReason,
    message: string,
    options?: { position?: number },
  ) {
    super(message);
    this.name = 'QueryScopeError';
    this.reason = reason;
    this.position = options?.position;
  }
}
