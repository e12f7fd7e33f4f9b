import { summarizeObservabilityStack } from './summarizeObservabilityStack';

const deployed = (
  releaseName: string,
  chart: string,
  chartVersion: string,
) => ({
  releaseName,
  chart,
  chartVersion,
  revision: 1,
  status: 'deployed',
});

describe('summarizeObservabilityStack', () => {
  it('reports the VictoriaLogs release and endpoint the operator writes', () => {
    const summary = summarizeObservabilityStack(
      {
        metadata: { namespace: 'observability', name: 'main', generation: 1 },
        status: {
          observedGeneration: 1,
          prometheus: deployed(
            'main-prometheus',
            'kube-prometheus-stack',
            '81.6.2',
          ),
          victoriaLogs: deployed('main-logs', 'victoria-logs-single', '0.13.9'),
          endpoints: {
            prometheus: 'http://main-prometheus.observability.svc:9090',
            victoriaLogs: 'http://main-logs-server.observability.svc:9428',
          },
        },
      },
      'prod',
    );
    expect(summary.releases).toEqual([
      {
        component: 'prometheus',
        name: 'main-prometheus',
        chart: 'kube-prometheus-stack',
        version: '81.6.2',
        revision: 1,
        status: 'deployed',
      },
      {
        component: 'victoriaLogs',
        name: 'main-logs',
        chart: 'victoria-logs-single',
        version: '0.13.9',
        revision: 1,
        status: 'deployed',
      },
    ]);
    expect(summary.endpoints).toEqual({
      prometheus: 'http://main-prometheus.observability.svc:9090',
      alertmanager: undefined,
      victoriaLogs: 'http://main-logs-server.observability.svc:9428',
      loki: undefined,
    });
  });

  it('lists the opt-in Loki after VictoriaLogs when both are installed', () => {
    const summary = summarizeObservabilityStack(
      {
        metadata: { namespace: 'observability', name: 'both', generation: 1 },
        status: {
          victoriaLogs: deployed('both-logs', 'victoria-logs-single', '0.13.9'),
          loki: deployed('both-loki', 'loki', '6.30.1'),
          endpoints: { loki: 'http://both-loki.observability.svc:3100' },
        },
      },
      'prod',
    );
    expect(summary.releases.map(r => [r.component, r.name])).toEqual([
      ['victoriaLogs', 'both-logs'],
      ['loki', 'both-loki'],
    ]);
    expect(summary.endpoints.loki).toBe(
      'http://both-loki.observability.svc:3100',
    );
    expect(summary.endpoints.victoriaLogs).toBeUndefined();
  });

  it('leaves out a release the operator has not named', () => {
    const summary = summarizeObservabilityStack(
      {
        metadata: { name: 'fresh', generation: 1 },
        status: { victoriaLogs: { chart: 'victoria-logs-single' } },
      },
      'prod',
    );
    expect(summary.releases).toEqual([]);
  });
});
