import { AlertRule } from '@catalyst/plugin-observability-common';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { observabilityBinaries } from '../__testUtils__/observabilityServers';
import {
  OPENTELEMETRY_METRICS,
  PROMETHEUS_CLIENT_METRICS,
} from '../goldenSignals/instrumentations';
import { checkRulesWithPromtool } from './checkRulesWithPromtool';
import {
  renderGoldenSignalRules,
  ruleFileYaml,
} from './renderGoldenSignalRules';
import {
  alertmanagerConfigYaml,
  renderAlertmanagerConfig,
} from './renderAlertmanagerConfig';

const run = promisify(execFile);
const ENTITY = 'component:default/payments-api';
const SCOPE = [{ name: 'namespace', op: '=' as const, value: 'payments' }];

const rule = (extra: Partial<AlertRule>): AlertRule => ({
  id: 1,
  entityRef: ENTITY,
  signalType: 'error_rate',
  threshold: 0.05,
  operator: 'gt',
  duration: '1m',
  severity: 'critical',
  enabled: true,
  notificationChannels: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const render = (rules: AlertRule[], metrics = PROMETHEUS_CLIENT_METRICS) =>
  renderGoldenSignalRules(rules, {
    entityRef: ENTITY,
    matchers: SCOPE,
    metrics,
    evaluationInterval: '1m',
    rateWindow: '5m',
  });

/** Runs promtool's rule unit tests (`promtool test rules`) on a rendered rule file. */
async function promtoolTest(rulesYaml: string, tests: unknown[]) {
  const dir = await mkdtemp(join(tmpdir(), 'catalyst-promtool-'));
  try {
    await writeFile(join(dir, 'rules.yml'), rulesYaml);
    await writeFile(
      join(dir, 'test.yml'),
      stringify({
        rule_files: ['rules.yml'],
        evaluation_interval: '1m',
        tests,
      }),
    );
    const { promtool } = observabilityBinaries();
    return await run(promtool, ['test', 'rules', join(dir, 'test.yml')]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('renderGoldenSignalRules', () => {
  it('renders scoped threshold rules for every signal that pass promtool check rules', async () => {
    const groups = render([
      rule({ id: 1, signalType: 'latency', threshold: 0.3, quantile: 0.99 }),
      rule({ id: 2 }),
      rule({ id: 3, signalType: 'traffic', threshold: 1, operator: 'lt' }),
      rule({
        id: 4,
        signalType: 'saturation',
        threshold: 0.9,
        operator: 'gte',
      }),
      rule({ id: 5, enabled: false }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0].name).toBe(`catalyst:${ENTITY}`);
    const exprs = groups[0].rules.map(r => r.expr);
    expect(exprs).toEqual([
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="payments"}[5m]))) > 0.3',
      '(sum(rate(http_request_duration_seconds_count{code=~"5..", namespace="payments"}[5m])) or vector(0)) / sum(rate(http_request_duration_seconds_count{namespace="payments"}[5m])) > 0.05',
      'sum(rate(http_request_duration_seconds_count{namespace="payments"}[5m])) < 1',
      '(sum(rate(container_cpu_usage_seconds_total{container!="", namespace="payments"}[5m])) / sum(kube_pod_container_resource_limits{resource="cpu", namespace="payments"}) >= 0.9) or (sum(container_memory_working_set_bytes{container!="", namespace="payments"}) / sum(kube_pod_container_resource_limits{resource="memory", namespace="payments"}) >= 0.9)',
    ]);
    expect(groups[0].rules[0]).toMatchObject({
      alert: 'CatalystLatency',
      for: '1m',
      labels: {
        namespace: 'payments',
        severity: 'critical',
        catalyst_entity_ref: ENTITY,
        catalyst_rule_id: '1',
        catalyst_signal: 'latency',
      },
      annotations: { summary: `${ENTITY}: p99 latency above 0.3s for 1m` },
    });
    const check = await checkRulesWithPromtool(ruleFileYaml(groups, ENTITY));
    expect(check).toEqual({ checked: true, ok: true });
  });

  it('reports what promtool finds wrong', async () => {
    const check = await checkRulesWithPromtool(
      'groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: sum(\n',
    );
    expect(check).toMatchObject({
      checked: true,
      ok: false,
      output: expect.stringMatching(/rules\.yml.*parse error/s),
    });
  });

  it('renders nothing for an entity without enabled rules', () => {
    expect(render([rule({ enabled: false })])).toEqual([]);
  });

  it('fires the threshold rule on real samples (promtool test rules)', async () => {
    const yaml = ruleFileYaml(
      render([rule({ id: 2, duration: '2m' })]),
      ENTITY,
    );
    const series = (labels: string, values: string) => ({
      series: `http_request_duration_seconds_count{${labels}}`,
      values,
    });
    // payments: 100 requests/min, 10 of them failing from minute 10; another namespace fails all along.
    const { stdout } = await promtoolTest(yaml, [
      {
        interval: '1m',
        input_series: [
          series('namespace="payments", code="200"', '0+100x30'),
          series('namespace="payments", code="500"', '0x10 0+10x20'),
          series('namespace="other", code="500"', '0+1000x30'),
          series('namespace="other", code="200"', '0+1x30'),
        ],
        alert_rule_test: [
          { eval_time: '9m', alertname: 'CatalystErrorRate', exp_alerts: [] },
          {
            eval_time: '20m',
            alertname: 'CatalystErrorRate',
            exp_alerts: [
              {
                exp_labels: {
                  namespace: 'payments',
                  severity: 'critical',
                  catalyst_entity_ref: ENTITY,
                  catalyst_rule_id: '2',
                  catalyst_signal: 'error_rate',
                },
                exp_annotations: {
                  summary: `${ENTITY}: error rate above 5% for 2m`,
                  description:
                    'Current value: 9.091%. Scope: namespace="payments"',
                },
              },
            ],
          },
        ],
      },
    ]);
    expect(stdout).toMatch(/SUCCESS/);
  });

  it('renders multi-window multi-burn-rate SLO alerts that page on a fast burn only', async () => {
    const groups = render(
      [rule({ id: 9, objective: 0.999, threshold: 0, duration: '2m' })],
      OPENTELEMETRY_METRICS,
    );
    const records = groups[0].rules.filter(r => 'record' in r);
    expect(records.map(r => ('record' in r ? r.record : ''))).toEqual([
      'catalyst:slo_error_ratio:rate5m',
      'catalyst:slo_error_ratio:rate30m',
      'catalyst:slo_error_ratio:rate1h',
      'catalyst:slo_error_ratio:rate2h',
      'catalyst:slo_error_ratio:rate6h',
      'catalyst:slo_error_ratio:rate1d',
      'catalyst:slo_error_ratio:rate3d',
    ]);
    expect(records.every(r => r.expr.includes('namespace="payments"'))).toBe(
      true,
    );
    const alerts = groups[0].rules.filter(r => 'alert' in r);
    expect(
      alerts.map(r =>
        'alert' in r ? [r.alert, r.labels.severity, r.labels.slo_alert] : [],
      ),
    ).toEqual([
      ['CatalystErrorBudgetBurnFast', 'critical', 'page'],
      ['CatalystErrorBudgetBurnSlow', 'warning', 'ticket'],
    ]);
    expect(alerts[0].expr).toContain(
      'catalyst:slo_error_ratio:rate1h{catalyst_entity_ref="component:default/payments-api", catalyst_rule_id="9"} > (14.4 * 0.001)',
    );
    const yaml = ruleFileYaml(groups, ENTITY);
    expect(await checkRulesWithPromtool(yaml)).toEqual({
      checked: true,
      ok: true,
    });

    const series = (labels: string, values: string) => ({
      series: `http_server_request_duration_seconds_count{${labels}}`,
      values,
    });
    const { stdout } = await promtoolTest(yaml, [
      {
        // 2% errors (20x the 0.1% budget) from minute 30: the 1h/5m pair burns > 14.4x.
        interval: '1m',
        input_series: [
          series(
            'namespace="payments", http_response_status_code="200"',
            '0+1000x120',
          ),
          series(
            'namespace="payments", http_response_status_code="500"',
            '0x30 0+20x90',
          ),
        ],
        alert_rule_test: [
          {
            eval_time: '29m',
            alertname: 'CatalystErrorBudgetBurnFast',
            exp_alerts: [],
          },
          {
            eval_time: '60m',
            alertname: 'CatalystErrorBudgetBurnFast',
            exp_alerts: [
              {
                exp_labels: {
                  namespace: 'payments',
                  severity: 'critical',
                  slo_alert: 'page',
                  catalyst_entity_ref: ENTITY,
                  catalyst_rule_id: '9',
                  catalyst_signal: 'error_rate',
                },
                exp_annotations: {
                  summary: `${ENTITY}: error budget of the 99.9% successful requests objective is burning fast (14.4x over 1h/5m, 6x over 6h/30m)`,
                  description:
                    'Multi-window multi-burn-rate alert on the 99.9% objective.',
                },
              },
            ],
          },
        ],
      },
      {
        // 0.05% errors: within budget, nothing fires.
        interval: '1m',
        input_series: [
          series(
            'namespace="payments", http_response_status_code="200"',
            '0+2000x120',
          ),
          series(
            'namespace="payments", http_response_status_code="500"',
            '0+1x120',
          ),
        ],
        alert_rule_test: [
          {
            eval_time: '120m',
            alertname: 'CatalystErrorBudgetBurnFast',
            exp_alerts: [],
          },
          {
            eval_time: '120m',
            alertname: 'CatalystErrorBudgetBurnSlow',
            exp_alerts: [],
          },
        ],
      },
    ]);
    expect(stdout).toMatch(/SUCCESS/);
  });

  it('renders a latency SLO on the histogram bucket of the bound', async () => {
    const groups = render([
      rule({ id: 3, signalType: 'latency', objective: 0.99, threshold: 0.25 }),
    ]);
    const record = groups[0].rules[0];
    expect(record.expr).toBe(
      '1 - (sum(rate(http_request_duration_seconds_bucket{le="0.25", namespace="payments"}[5m])) / sum(rate(http_request_duration_seconds_count{namespace="payments"}[5m])))',
    );
    expect(await checkRulesWithPromtool(ruleFileYaml(groups, ENTITY))).toEqual({
      checked: true,
      ok: true,
    });
  });
});

describe('renderAlertmanagerConfig', () => {
  it('sends every alert to Catalyst and each rule with channels to its receivers, accepted by amtool', async () => {
    const config = renderAlertmanagerConfig(
      [
        rule({
          id: 4,
          notificationChannels: [
            {
              type: 'slack',
              channel: '#payments',
              webhookUrl: 'https://hooks.slack.test/T000/B000/XXX',
            },
            { type: 'email', to: 'oncall@example.com' },
            { type: 'webhook', url: 'https://pager.test/hook' },
          ],
        }),
        rule({ id: 5 }),
        rule({
          id: 6,
          enabled: false,
          notificationChannels: [{ type: 'webhook', url: 'https://x.test' }],
        }),
      ],
      {
        webhookUrl:
          'https://backstage.test/api/observability/webhooks/alertmanager',
        webhookSecretFile: '/etc/alertmanager/catalyst-webhook-secret',
        route: { groupWait: '10s', groupInterval: '1m', repeatInterval: '4h' },
      },
    );
    expect(config.route).toEqual({
      receiver: 'catalyst',
      group_by: ['alertname', 'catalyst_entity_ref', 'catalyst_rule_id'],
      group_wait: '10s',
      group_interval: '1m',
      repeat_interval: '4h',
      routes: [
        { receiver: 'catalyst', continue: true },
        {
          receiver: 'catalyst-rule-4',
          matchers: [
            'catalyst_entity_ref="component:default/payments-api"',
            'catalyst_rule_id="4"',
          ],
          continue: true,
        },
      ],
    });
    expect(config.receivers.map(r => r.name)).toEqual([
      'catalyst',
      'catalyst-rule-4',
    ]);
    expect(Object.keys(config.receivers[1]).sort()).toEqual([
      'email_configs',
      'name',
      'slack_configs',
      'webhook_configs',
    ]);

    // amtool validates the snippet once completed with the globals email needs.
    const dir = await mkdtemp(join(tmpdir(), 'catalyst-amtool-'));
    try {
      const file = join(dir, 'alertmanager.yml');
      await writeFile(
        file,
        `global:\n  smtp_smarthost: 'smtp.example.com:587'\n  smtp_from: 'alerts@example.com'\n${alertmanagerConfigYaml(
          config,
        )}`,
      );
      const { amtool } = observabilityBinaries();
      const { stdout } = await run(amtool, ['check-config', file]);
      expect(stdout).toMatch(/SUCCESS/);
      expect(stdout).toMatch(/- 2 receivers/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
