import { AlertEvent } from './alerts';
import { LogLine } from './logs';
import { GoldenSignalName, GoldenSignal } from './goldenSignals';

/**
 * A link to traces around an incident, from `observability.tracing.urlTemplate`.
 *
 * @public
 */
export type TraceLink = {
  title: string;
  url: string;
  /** Set when the link was made from a trace id found in a log line. */
  traceId?: string;
};

/**
 * Answer of `GET /alerts/:id/incident`: what was happening around an alert.
 *
 * @public
 */
export type IncidentResponse = {
  alert: AlertEvent;
  entityRef?: string;
  /** The window looked at, Unix ms: 30 minutes before the alert to 30 after (or now). */
  window: { start: number; end: number };
  /** Golden signals of the entity over the window (absent when it could not be read). */
  goldenSignals?: Partial<Record<GoldenSignalName, GoldenSignal>>;
  /** Error-level log lines of the entity's scope in the window. */
  errorLogs: LogLine[];
  /** The log query used for `errorLogs` (LogsQL, or LogQL for a Loki store). */
  errorLogsQuery?: string;
  /** Other alerts of the same entity whose time overlaps the window. */
  relatedAlerts: AlertEvent[];
  traceLinks: TraceLink[];
  /** What could not be correlated and why (an instance down, no log store configured, ...). */
  warnings: string[];
};
