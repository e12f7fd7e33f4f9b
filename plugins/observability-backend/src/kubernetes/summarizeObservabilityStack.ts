import {
  ObservabilityStackCondition,
  ObservabilityStackEndpoints,
  ObservabilityStackHealth,
  ObservabilityStackRelease,
  ObservabilityStackSummary,
} from '@catalyst/plugin-observability-common';

/** The parts of an ObservabilityStack object (as the API server sends it) that are read. */
export type ObservabilityStackObject = {
  metadata?: { namespace?: string; name?: string; generation?: number };
  status?: {
    observedGeneration?: number;
    conditions?: Array<Partial<ObservabilityStackCondition>>;
    prometheus?: ReleaseStatusObject;
    victoriaLogs?: ReleaseStatusObject;
    loki?: ReleaseStatusObject;
    endpoints?: ObservabilityStackEndpoints;
  };
};

type ReleaseStatusObject = {
  releaseName?: string;
  chart?: string;
  chartVersion?: string;
  revision?: number;
  status?: string;
};

const CONDITION_STATUSES = new Set(['True', 'False', 'Unknown']);

/** Turns one ObservabilityStack object into what the portal shows of it. */
export function summarizeObservabilityStack(
  object: ObservabilityStackObject,
  cluster: string,
): ObservabilityStackSummary {
  const generation = object.metadata?.generation ?? 0;
  const status = object.status ?? {};
  const observedGeneration = status.observedGeneration;
  const conditions = (status.conditions ?? [])
    .filter(c => typeof c.type === 'string')
    .map(
      (c): ObservabilityStackCondition => ({
        type: c.type!,
        status: CONDITION_STATUSES.has(c.status as string)
          ? c.status!
          : 'Unknown',
        reason: c.reason || undefined,
        message: c.message || undefined,
        lastTransitionTime: c.lastTransitionTime,
        observedGeneration: c.observedGeneration,
      }),
    );
  const byType = (type: string) => conditions.find(c => c.type === type);
  const readyCondition = byType('Ready');
  // A status, or a Ready condition, written for an older spec: the operator has work to do.
  const stale =
    (observedGeneration !== undefined && observedGeneration < generation) ||
    (readyCondition?.observedGeneration !== undefined &&
      readyCondition.observedGeneration < generation);
  const ready =
    readyCondition?.status === 'True' &&
    observedGeneration !== undefined &&
    !stale;

  return {
    cluster,
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
    generation,
    observedGeneration,
    ready,
    health: stackHealth({
      ready,
      degraded: byType('Degraded')?.status === 'True',
      progressing: byType('Progressing')?.status === 'True',
      stale,
    }),
    conditions,
    releases: [
      release('prometheus', status.prometheus),
      release('victoriaLogs', status.victoriaLogs),
      release('loki', status.loki),
    ].filter((r): r is ObservabilityStackRelease => r !== undefined),
    endpoints: {
      prometheus: status.endpoints?.prometheus || undefined,
      alertmanager: status.endpoints?.alertmanager || undefined,
      victoriaLogs: status.endpoints?.victoriaLogs || undefined,
      loki: status.endpoints?.loki || undefined,
    },
  };
}

function stackHealth(state: {
  ready: boolean;
  degraded: boolean;
  progressing: boolean;
  stale: boolean;
}): ObservabilityStackHealth {
  if (state.degraded) return 'degraded';
  if (state.ready) return 'healthy';
  if (state.progressing || state.stale) return 'progressing';
  return 'unknown';
}

function release(
  component: ObservabilityStackRelease['component'],
  status: ReleaseStatusObject | undefined,
): ObservabilityStackRelease | undefined {
  if (!status?.releaseName) return undefined;
  return {
    component,
    name: status.releaseName,
    chart: status.chart,
    version: status.chartVersion,
    revision: status.revision,
    status: status.status,
  };
}
