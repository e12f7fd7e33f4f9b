import type { IncidentResponse } from '@catalyst/plugin-observability-common';

/** One moment of an incident: an alert changing state or an error log line. */
export type IncidentTimelineItem = {
  /** Unix ms. */
  time: number;
  kind:
    | 'alert-fired'
    | 'alert-resolved'
    | 'related-fired'
    | 'related-resolved'
    | 'log';
  title: string;
  detail?: string;
  /** A trace of the log line, when the backend linked one. */
  traceUrl?: string;
};

/** The alert, its related alerts and the error log lines, in time order. */
export function incidentTimeline(
  incident: IncidentResponse,
): IncidentTimelineItem[] {
  const items: IncidentTimelineItem[] = [];
  const { alert } = incident;
  items.push({
    time: Date.parse(alert.startsAt),
    kind: 'alert-fired',
    title: `${alert.alertName} fired`,
    detail: alert.annotations.summary,
  });
  if (alert.endsAt) {
    items.push({
      time: Date.parse(alert.endsAt),
      kind: 'alert-resolved',
      title: `${alert.alertName} resolved`,
    });
  }
  for (const related of incident.relatedAlerts) {
    items.push({
      time: Date.parse(related.startsAt),
      kind: 'related-fired',
      title: `${related.alertName} fired`,
      detail: related.annotations.summary,
    });
    if (related.endsAt) {
      items.push({
        time: Date.parse(related.endsAt),
        kind: 'related-resolved',
        title: `${related.alertName} resolved`,
      });
    }
  }
  const traceUrls = new Map(
    incident.traceLinks.filter(l => l.traceId).map(l => [l.traceId!, l.url]),
  );
  for (const log of incident.errorLogs) {
    const traceId = [...traceUrls.keys()].find(id => log.line.includes(id));
    items.push({
      time: log.timestamp,
      kind: 'log',
      title: log.line,
      detail: log.labels.pod ?? log.labels.instance,
      traceUrl: traceId ? traceUrls.get(traceId) : undefined,
    });
  }
  return items.sort((a, b) => a.time - b.time);
}
