import type { ObservabilityApi } from '../api';
import {
  entityRef,
  errorRateRule,
  goldenSignals,
  latencySlo,
  renderedRules,
  incident,
  investigation,
  instancesHealth,
  liveAlerts,
  rangeQueryResponse,
  firingAlert,
  resolvedAlert,
  stacks,
  logs,
  logVolume,
} from './observability';

type Args<K extends keyof ObservabilityApi> = Parameters<
  ObservabilityApi[K]
>[0];

/** An ObservabilityApi answering with the fixtures; override single methods per test. */
export function mockObservabilityApi(): jest.Mocked<ObservabilityApi> {
  return {
    getScope: jest.fn(async (_: Args<'getScope'>) => ({
      entityRef,
      matchers: [{ name: 'namespace', op: '=' as const, value: 'payments' }],
      sources: ['backstage.io/kubernetes-namespace' as const],
      instances: { prometheus: 'main', logs: 'main', alertmanager: 'main' },
    })),
    getGoldenSignals: jest.fn(
      async (_: Args<'getGoldenSignals'>) => goldenSignals,
    ),
    query: jest.fn(async (_: Args<'query'>) => ({
      ...rangeQueryResponse,
      resultType: 'vector' as const,
      range: undefined,
    })),
    queryRange: jest.fn(async (_: Args<'queryRange'>) => rangeQueryResponse),
    getLabelNames: jest.fn(async (_: Args<'getLabelNames'>) => ({
      entityRef,
      instance: 'main',
      labels: ['__name__', 'code', 'namespace', 'pod'],
    })),
    getLogs: jest.fn(async (_: Args<'getLogs'>) => logs),
    getLogVolume: jest.fn(async (_: Args<'getLogVolume'>) => logVolume),
    getLogFields: jest.fn(async (_: Args<'getLogFields'>) => ({
      entityRef,
      instance: 'main',
      values: [
        { value: 'level', hits: 3 },
        { value: 'trace_id', hits: 3 },
      ],
    })),
    getLogFieldValues: jest.fn(async (_: Args<'getLogFieldValues'>) => ({
      entityRef,
      instance: 'main',
      values: [{ value: 'error', hits: 1 }],
    })),
    tailLogs: jest.fn(async (_: Args<'tailLogs'>) => undefined),
    getAlerts: jest.fn(async ({ state }: Args<'getAlerts'>) => ({
      entityRef,
      items: state === 'active' ? [firingAlert] : [firingAlert, resolvedAlert],
    })),
    getLiveAlerts: jest.fn(async (_: Args<'getLiveAlerts'>) => liveAlerts),
    getIncident: jest.fn(async (_: Args<'getIncident'>) => incident),
    getInvestigations: jest.fn(async (_: Args<'getInvestigations'>) => ({
      items: [investigation],
    })),
    getRules: jest.fn(async (_: Args<'getRules'>) => ({
      entityRef,
      items: [errorRateRule, latencySlo],
    })),
    getRenderedRules: jest.fn(
      async (_: Args<'getRenderedRules'>) => renderedRules,
    ),
    createRule: jest.fn(),
    updateRule: jest.fn(),
    deleteRule: jest.fn(),
    getInstancesHealth: jest.fn(async () => instancesHealth),
    getStacks: jest.fn(async () => ({ items: stacks })),
  };
}

/** A rejection shaped like `ResponseError.fromResponse` makes it. */
export function backendError(statusCode: number, message: string) {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    statusCode,
    body: {
      error: {
        name: statusCode === 503 ? 'ServiceUnavailableError' : 'InputError',
        message,
      },
      response: { statusCode },
    },
  });
}
