import { formatLabelMatcher, LabelMatcher } from '../../matchers/LabelMatcher';
import { QueryScopeError } from '../QueryScopeError';

/**
 * Writes an entity's scope as a VictoriaLogs stream filter, e.g.
 * `{namespace="payments",app=~"api|web"}`. The backend sends it as the `extra_stream_filters`
 * argument beside the user's LogsQL query, never inside it: VictoriaLogs ANDs it into the
 * query and into every subquery (`union`, `join`, `in(...)`), so no LogsQL text can read
 * outside it. Stream filters take the same four operators as PromQL matchers, so the
 * scope of an entity's metrics and of its logs is one mapping.
 *
 * @public
 */
export function logsqlStreamFilter(matchers: LabelMatcher[]): string {
  if (matchers.length === 0) {
    throw new QueryScopeError(
      'invalid-scope',
      'A log scope needs at least one label matcher',
    );
  }
  return `{${matchers.map(formatLabelMatcher).join(',')}}`;
}
