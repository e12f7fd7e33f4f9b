import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { normalizeEntityRef } from '@catalyst/backend-common';
import {
  LOG_LEVELS,
  observabilityAlertsReadPermission,
  observabilityQueryReadPermission,
} from '@catalyst/plugin-observability-common';
import { ObservabilityConfig } from '../config';
import { AlertEventStore } from '../database/AlertEventStore';
import { ObservedEntities } from '../entities/ObservedEntities';
import { GoldenSignalsService } from '../goldenSignals/GoldenSignalsService';
import { IncidentCorrelator } from '../incidents/IncidentCorrelator';
import { ScopedLogService } from '../logStore/ScopedLogService';
import { boundRange, readTime } from '../queries/QueryLimits';
import { ScopedQueryService } from '../queries/ScopedQueryService';
import type { ActionZod } from './actionZod';

const scopedQuerySchema = (z: ActionZod) =>
  z.object({
    name: z.string(),
    query: z
      .string()
      .describe('The query as sent, with the entity scope added'),
  });

const timeSeriesSchema = (z: ActionZod) =>
  z.object({
    labels: z.record(z.string()),
    timestamps: z.array(z.number()).describe('Unix milliseconds'),
    values: z.array(z.number().nullable()),
  });

const goldenSignalSchema = (z: ActionZod) =>
  z.object({
    unit: z.enum(['seconds', 'requests_per_second', 'ratio']),
    series: z.array(timeSeriesSchema(z)),
    queries: z.array(scopedQuerySchema(z)),
  });

const alertEventSchema = (z: ActionZod) =>
  z.object({
    id: z.number().describe('Pass to get-incident'),
    fingerprint: z.string(),
    alertName: z.string(),
    status: z.enum(['firing', 'resolved']),
    labels: z.record(z.string()),
    annotations: z.record(z.string()),
    startsAt: z.string(),
    endsAt: z.string().optional(),
    entityRef: z.string().optional(),
    ruleId: z.number().optional(),
    generatorUrl: z.string().optional(),
    receivedAt: z.string(),
  });

const logLineSchema = (z: ActionZod) =>
  z.object({
    timestamp: z.number().describe('Unix milliseconds'),
    timestampNs: z.string(),
    line: z.string(),
    labels: z.record(z.string()),
    fields: z.record(z.string()).optional(),
    traceUrl: z.string().optional(),
  });

const entityRefInput = (z: ActionZod) =>
  z
    .string()
    .min(1)
    .max(255)
    .describe(
      'Entity ref, e.g. component:default/payments-api (kind and namespace default to component and default)',
    );

const timeInput = (z: ActionZod) =>
  z
    .string()
    .max(64)
    .describe('RFC 3339 (2026-01-01T10:00:00Z) or Unix seconds');

const HOUR_MS = 3600_000;
const GOLDEN_SIGNAL_NAMES = [
  'latency',
  'traffic',
  'errors',
  'saturation',
] as const;

/**
 * Registers the observability actions (served as MCP tools by
 * `@backstage/plugin-mcp-actions-backend`): each checks the permission the
 * route it mirrors checks, loads the entity as the caller, and reads through
 * the same scoped service, so a query only ever sees the entity's series and
 * log streams, bounded by the same limits.
 */
export function registerObservabilityActions(
  registry: ActionsRegistryService,
  deps: {
    entities: ObservedEntities;
    queries: ScopedQueryService;
    goldenSignals: GoldenSignalsService;
    logs: ScopedLogService;
    events: AlertEventStore;
    correlator: IncidentCorrelator;
    config: ObservabilityConfig;
  },
): void {
  const { entities, queries, goldenSignals, logs, events, correlator, config } =
    deps;

  // As the entity routes: observability.query.read on the entity, then the entity as the caller sees it.
  async function readable(credentials: BackstageCredentials, ref: string) {
    const entityRef = normalizeEntityRef(ref);
    await entities.authorize(
      credentials,
      observabilityQueryReadPermission,
      entityRef,
    );
    return entities.load(entityRef, credentials);
  }

  function window(input: { start?: string; end?: string }) {
    const end = readTime(input.end, 'end', Date.now());
    const start = readTime(input.start, 'start', end - HOUR_MS);
    return { start, end };
  }

  registry.register({
    name: 'query-metrics',
    title: 'Query metrics',
    description: `Runs a PromQL query against the Prometheus of one catalog entity (a service). The query is rewritten so every selector carries the entity's scope (its namespace or labels): you only ever get the entity's own series, whatever labels you write. Without start, an instant query at time (default now); with start, a range query from start to end (default now) at step. Answers are cut at the configured series limit (see truncated). Example: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          query: z.string().min(1).max(10_000).describe('PromQL'),
          time: timeInput(z).optional().describe('Instant query time'),
          start: timeInput(z)
            .optional()
            .describe('Range start: makes it a range query'),
          end: timeInput(z).optional(),
          step: z
            .string()
            .max(32)
            .optional()
            .describe('Range step, e.g. 30s or 1m; default from the range'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          instance: z.string().describe('The Prometheus instance asked'),
          query: scopedQuerySchema(z),
          resultType: z.enum(['matrix', 'vector', 'scalar', 'string']),
          series: z.array(timeSeriesSchema(z)),
          range: z
            .object({ start: z.number(), end: z.number(), step: z.number() })
            .optional(),
          truncated: z.boolean(),
          seriesTotal: z.number(),
          warnings: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const target = await readable(credentials, input.entityRef);
      if (input.start === undefined) {
        const time =
          input.time === undefined ? undefined : readTime(input.time, 'time');
        return {
          output: await queries.instant(target.entity, target.matchers, {
            query: input.query,
            time,
          }),
        };
      }
      const range = boundRange(
        {
          start: readTime(input.start, 'start'),
          end: readTime(input.end, 'end', Date.now()),
          step: input.step,
        },
        config.limits,
      );
      return {
        output: await queries.range(target.entity, target.matchers, {
          query: input.query,
          range,
        }),
      };
    },
  });

  registry.register({
    name: 'query-logs',
    title: 'Query logs',
    description: `Reads log lines of one catalog entity from its log store (VictoriaLogs LogsQL or Loki LogQL), newest first. The entity's scope is sent to the store as a stream filter, so only the entity's own streams are read. query is a filter in the store's language (LogsQL: error AND timeout; LogQL line filter: |= "timeout"); level keeps only those levels. Default window: the last hour. Lines are capped at the configured maximum (see limitReached).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          query: z.string().max(10_000).optional(),
          levels: z.array(z.enum(LOG_LEVELS)).optional(),
          start: timeInput(z).optional(),
          end: timeInput(z).optional(),
          limit: z.number().int().min(1).optional(),
          direction: z.enum(['forward', 'backward']).optional(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          instance: z.string(),
          language: z.string(),
          query: scopedQuerySchema(z),
          scope: z.string().describe('The stream filter the store applied'),
          lines: z.array(logLineSchema(z)),
          limitReached: z.boolean(),
        }),
    },
    action: async ({ input, credentials }) => {
      const target = await readable(credentials, input.entityRef);
      const { start, end } = window(input);
      boundRange({ start, end }, config.limits);
      return {
        output: await logs.lines({
          entity: target.entity,
          matchers: target.matchers,
          query: input.query,
          levels: input.levels,
          start,
          end,
          limit: input.limit,
          direction: input.direction,
        }),
      };
    },
  });

  registry.register({
    name: 'get-golden-signals',
    title: 'Get golden signals',
    description: `Returns the four golden signals of one catalog entity (latency p99 in seconds, traffic in requests per second, errors as a ratio of requests, saturation) over a window (default the last hour), each with its series, its latest value as "now", and the exact scoped PromQL used, so you can refine it with query-metrics.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          signals: z.array(z.enum(GOLDEN_SIGNAL_NAMES)).optional(),
          start: timeInput(z).optional(),
          end: timeInput(z).optional(),
          step: z.string().max(32).optional(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          instance: z.string(),
          metricsSource: z.string(),
          range: z.object({
            start: z.number(),
            end: z.number(),
            step: z.number(),
          }),
          signals: z.record(
            goldenSignalSchema(z).extend({
              now: z
                .number()
                .nullable()
                .describe('Latest value of the first series, null when none'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const target = await readable(credentials, input.entityRef);
      const range = boundRange(
        { ...window(input), step: input.step },
        config.limits,
      );
      const response = await goldenSignals.read(
        target.entity,
        target.matchers,
        range,
        input.signals,
      );
      const signals = Object.fromEntries(
        Object.entries(response.signals).map(([name, signal]) => [
          name,
          { ...signal, now: latest(signal.series[0]?.values ?? []) },
        ]),
      );
      return { output: { ...response, signals } };
    },
  });

  registry.register({
    name: 'list-alerts',
    title: 'List alerts',
    description: `Lists the alerts Alertmanager sent for one catalog entity, newest first: firing ones (state active), resolved ones, or all, optionally since a time. Each has an id to pass to get-incident.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          state: z.enum(['active', 'resolved', 'all']).optional(),
          since: timeInput(z).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          items: z.array(alertEventSchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      // As GET .../alerts: observability.alerts.read on the entity, then the entity as the caller sees it.
      const entityRef = normalizeEntityRef(input.entityRef);
      await entities.authorize(
        credentials,
        observabilityAlertsReadPermission,
        entityRef,
      );
      const target = await entities.load(entityRef, credentials);
      return {
        output: {
          entityRef: target.entityRef,
          items: await events.list({
            entityRef: target.entityRef,
            state: input.state,
            since:
              input.since === undefined
                ? undefined
                : new Date(readTime(input.since, 'since')),
            limit: input.limit,
          }),
        },
      };
    },
  });

  registry.register({
    name: 'get-incident',
    title: 'Get incident',
    description: `Returns the evidence around one alert (by id from list-alerts): the entity's golden signals and error log lines in a window around it, other alerts of the entity that overlapped it, and trace links. Start an investigation here.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ alertId: z.number().int().positive() }),
      output: z =>
        z.object({
          alert: alertEventSchema(z),
          entityRef: z.string().optional(),
          window: z.object({ start: z.number(), end: z.number() }),
          goldenSignals: z.record(goldenSignalSchema(z)).optional(),
          errorLogs: z.array(logLineSchema(z)),
          errorLogsQuery: z.string().optional(),
          relatedAlerts: z.array(alertEventSchema(z)),
          traceLinks: z.array(
            z.object({
              title: z.string(),
              url: z.string(),
              traceId: z.string().optional(),
            }),
          ),
          warnings: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      // As GET /alerts/:id/incident.
      await entities.requireReach(
        credentials,
        observabilityAlertsReadPermission,
      );
      const alert = await events.get(input.alertId);
      if (!alert) {
        throw new NotFoundError(`There is no alert ${input.alertId}`);
      }
      if (!alert.entityRef) {
        // Linked to no entity: only a caller allowed on every entity's alerts sees it.
        if (
          (await entities.reach(
            credentials,
            observabilityAlertsReadPermission,
          )) !== 'all'
        ) {
          throw new NotAllowedError(
            `Not allowed: ${observabilityAlertsReadPermission.name} on alerts linked to no entity`,
          );
        }
        return { output: await correlator.correlateIncident(alert) };
      }
      await entities.authorize(
        credentials,
        observabilityAlertsReadPermission,
        alert.entityRef,
      );
      const target = await readable(credentials, alert.entityRef);
      return { output: await correlator.correlateIncident(alert, target) };
    },
  });
}

function latest(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] !== null) return values[i];
  }
  return null;
}
