import {
  AlertEvent,
  LabelMatcher,
  LogLine,
  TraceLink,
} from '@catalyst/plugin-observability-common';

// Trace ids as OpenTelemetry logs write them: trace_id=..., traceID: "...", "traceId":"...".
const TRACE_ID = /trace[_-]?id"?\s*[=:]\s*"?([0-9a-f]{16,32})\b/gi;
// Trace ids as structured fields: trace_id, traceId, trace.id, traceID.
const TRACE_ID_FIELD = /^trace[_.-]?id$/i;
const TRACE_ID_VALUE = /^[0-9a-f]{16,32}$/i;

/** Trace ids mentioned in log lines, first seen first. */
export function traceIdsIn(lines: LogLine[], max = 20): string[] {
  const ids = new Set<string>();
  for (const line of lines) {
    const fromFields = Object.entries(line.fields ?? {})
      .filter(
        ([name, value]) =>
          TRACE_ID_FIELD.test(name) && TRACE_ID_VALUE.test(value),
      )
      .map(([, value]) => value);
    const fromText = [...line.line.matchAll(TRACE_ID)].map(m => m[1]);
    for (const id of [...fromFields, ...fromText]) {
      ids.add(id.toLocaleLowerCase('en-US'));
      if (ids.size >= max) return [...ids];
    }
  }
  return [...ids];
}

/**
 * Fills `observability.tracing.urlTemplate`. A template with `{{traceId}}` gives one link
 * per trace id found in the logs; without it one link for the window.
 */
export function traceLinks(options: {
  template: string;
  alert: AlertEvent;
  entityName?: string;
  matchers?: LabelMatcher[];
  window: { start: number; end: number };
  logs: LogLine[];
}): TraceLink[] {
  const { template, alert, window } = options;
  const namespace =
    options.matchers?.find(m => m.name === 'namespace' && m.op === '=')
      ?.value ??
    alert.labels.namespace ??
    '';
  const values: Record<string, string> = {
    start: String(window.start),
    end: String(window.end),
    startIso: new Date(window.start).toISOString(),
    endIso: new Date(window.end).toISOString(),
    entityName: options.entityName ?? '',
    namespace,
  };
  const fill = (traceId?: string) =>
    template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => {
      if (key === 'traceId') return encodeURIComponent(traceId ?? '');
      if (key.startsWith('labels.'))
        return encodeURIComponent(alert.labels[key.slice(7)] ?? '');
      return encodeURIComponent(values[key] ?? '');
    });
  if (/\{\{\s*traceId\s*\}\}/.test(template)) {
    return traceIdsIn(options.logs).map(traceId => ({
      title: `Trace ${traceId}`,
      url: fill(traceId),
      traceId,
    }));
  }
  return [
    {
      title: `Traces of ${
        options.entityName ?? alert.alertName
      } around the alert`,
      url: fill(),
    },
  ];
}

/**
 * The link to one line's trace: the template with `{{traceId}}` filled and the
 * placeholders that need an alert left empty; none when the template or the line has no
 * trace id.
 */
export function traceUrlOf(
  template: string,
  line: LogLine,
): string | undefined {
  if (!/\{\{\s*traceId\s*\}\}/.test(template)) return undefined;
  const [traceId] = traceIdsIn([line], 1);
  if (!traceId) return undefined;
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) =>
    key === 'traceId' ? encodeURIComponent(traceId) : '',
  );
}
