import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AlertEvent,
  IncidentResponse,
  LabelMatcher,
} from '@catalyst/plugin-observability-common';
import { ObservabilityConfig } from '../config';
import { AlertEventStore } from '../database/AlertEventStore';
import { GoldenSignalsService } from '../goldenSignals/GoldenSignalsService';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { ScopedLogService } from '../logStore/ScopedLogService';
import { traceLinks } from './traceLinks';

/** How far around the alert the incident view looks. */
export const INCIDENT_MARGIN_MS = 30 * 60_000;
const ERROR_LOG_LIMIT = 200;

/**
 * correlateIncident: what was happening around an alert. The entity's golden signals and
 * error logs (scoped) from 30 minutes before it started to 30 after it ended (at most
 * `observability.limits.maxRange` in all), other alerts of the entity in that window, and
 * trace links. A part that cannot be read (an instance
 * down, no log store configured) becomes a warning instead of failing the whole answer.
 */
export class IncidentCorrelator {
  constructor(
    private readonly options: {
      events: AlertEventStore;
      instances: ObservabilityInstances;
      logs: ScopedLogService;
      goldenSignals: GoldenSignalsService;
      config: Pick<ObservabilityConfig, 'tracing' | 'limits'>;
      now?: () => number;
    },
  ) {}

  async correlateIncident(
    alert: AlertEvent,
    target?: { entity: Entity; matchers: LabelMatcher[] },
  ): Promise<IncidentResponse> {
    const now = this.options.now?.() ?? Date.now();
    const start = Date.parse(alert.startsAt) - INCIDENT_MARGIN_MS;
    const end = Math.min(
      now,
      (alert.endsAt ? Date.parse(alert.endsAt) : now) + INCIDENT_MARGIN_MS,
    );
    const warnings: string[] = [];
    // A long-firing alert (or a webhook's old startsAt) must not turn into a months-long
    // read: the window is cut to the longest range a query may cover.
    const maxRangeMs = this.options.config.limits.maxRangeMs;
    const window = {
      start,
      end: Math.min(Math.max(end, start + 60_000), start + maxRangeMs),
    };
    if (window.end < end) {
      warnings.push(
        `The alert lasted longer than observability.limits.maxRange: only its first ${
          maxRangeMs / 3_600_000
        } hours (with the margin before it) are shown`,
      );
    }
    const incident: IncidentResponse = {
      alert,
      entityRef: alert.entityRef,
      window,
      errorLogs: [],
      relatedAlerts: [],
      traceLinks: [],
      warnings,
    };
    if (!target) {
      warnings.push(
        'The alert is not linked to a catalog entity (no entity scope matched its labels), so there are no metrics, logs or related alerts to show',
      );
      return incident;
    }
    const { entity, matchers } = target;
    const entityRef = stringifyEntityRef(entity);

    const [signals, logs, related] = await Promise.all([
      this.options.goldenSignals
        .read(entity, matchers, {
          ...window,
          stepSeconds: Math.max(
            15,
            Math.ceil((window.end - window.start) / 1000 / 240),
          ),
        })
        .catch(error => {
          warnings.push(`Golden signals: ${(error as Error).message}`);
          return undefined;
        }),
      this.errorLogs(entity, matchers, window).catch(error => {
        warnings.push(`Error logs: ${(error as Error).message}`);
        return undefined;
      }),
      this.options.events.overlapping(
        entityRef,
        { start: new Date(window.start), end: new Date(window.end) },
        alert.id,
      ),
    ]);

    incident.goldenSignals = signals?.signals;
    incident.errorLogs = logs?.lines ?? [];
    incident.errorLogsQuery = logs?.query;
    incident.relatedAlerts = related;
    const template = this.options.config.tracing.urlTemplate;
    if (template) {
      incident.traceLinks = traceLinks({
        template,
        alert,
        entityName: entity.metadata.name,
        matchers,
        window,
        logs: incident.errorLogs,
      });
    }
    return incident;
  }

  private async errorLogs(
    entity: Entity,
    matchers: LabelMatcher[],
    window: { start: number; end: number },
  ) {
    if (!this.options.instances.has('logs')) {
      throw new Error(
        'no log store is configured (observability.logs.instances)',
      );
    }
    return this.options.logs.errorLines({
      entity,
      matchers,
      ...window,
      limit: ERROR_LOG_LIMIT,
    });
  }
}
