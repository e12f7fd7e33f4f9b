import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { LOGS_TAB_PATH } from '../../routes';
import { TIME_RANGES, TimeRangeKey } from '../TimeRangePicker/timeRanges';

/**
 * The window the Logs tab opens on: a range ending now (`?range=1h`), or a fixed one in
 * Unix ms (`?from=&to=`), e.g. an incident's.
 */
export type LogsTabWindow =
  | { range: TimeRangeKey }
  | { start: number; end: number };

/** Builds a link to an entity's Logs tab on a window. */
export type LogsTabHref = (window: LogsTabWindow) => string;

/** The query string of the Logs tab on a window. */
export function logsTabSearch(window: LogsTabWindow): string {
  const params: Record<string, string> =
    'range' in window
      ? { range: window.range }
      : {
          from: String(Math.floor(window.start)),
          to: String(Math.ceil(window.end)),
        };
  return `?${new URLSearchParams(params)}`;
}

/**
 * The window a Logs tab URL names; undefined when it names none or an invalid one, so the
 * tab falls back to its default.
 */
export function readLogsTabWindow(
  params: URLSearchParams,
): LogsTabWindow | undefined {
  const from = Number(params.get('from') ?? NaN);
  const to = Number(params.get('to') ?? NaN);
  if (Number.isFinite(from) && Number.isFinite(to) && from > 0 && from < to) {
    return { start: from, end: to };
  }
  const range = params.get('range');
  return TIME_RANGES.some(r => r.key === range)
    ? { range: range as TimeRangeKey }
    : undefined;
}

/** Links to the Logs tab of an entity, on the same entity page. */
export function useLogsTabHref(entityRef: string): LogsTabHref {
  const entityLink = useEntityRefLink();
  return useCallback(
    (window: LogsTabWindow) =>
      `${entityLink(entityRef)}/${LOGS_TAB_PATH}${logsTabSearch(window)}`,
    [entityLink, entityRef],
  );
}
