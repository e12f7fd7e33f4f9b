import {
  AlertRule,
  NotificationChannel,
} from '@catalyst/plugin-observability-common';
import { stringify } from 'yaml';
import { ObservabilityConfig } from '../config';
import { ENTITY_REF_LABEL, RULE_ID_LABEL } from './ruleLabels';

/** The receiver every alert goes to: Catalyst's webhook intake. */
export const CATALYST_RECEIVER = 'catalyst';

type Receiver = { name: string } & Record<string, unknown>;

function channelConfig(
  channel: NotificationChannel,
): [string, Record<string, unknown>] {
  switch (channel.type) {
    case 'slack':
      return [
        'slack_configs',
        {
          channel: channel.channel,
          ...(channel.webhookUrl ? { api_url: channel.webhookUrl } : {}),
          send_resolved: true,
          title: '{{ .CommonAnnotations.summary }}',
          text: '{{ range .Alerts }}{{ .Annotations.description }}\n{{ end }}',
        },
      ];
    case 'email':
      return ['email_configs', { to: channel.to, send_resolved: true }];
    default:
      return ['webhook_configs', { url: channel.url, send_resolved: true }];
  }
}

/**
 * Renders Alertmanager's `route` and `receivers` for the given rules: every alert goes to
 * Catalyst's webhook (so the alert history is complete), and the alerts of each rule with
 * notification channels also to a receiver holding that rule's Slack, email and webhook
 * configs. The webhook's bearer token is read from `webhookSecretFile` (a file Alertmanager
 * can read), so the secret is never part of the rendered text.
 */
export function renderAlertmanagerConfig(
  rules: AlertRule[],
  options: {
    webhookUrl: string;
    webhookSecretFile: string;
    route: ObservabilityConfig['alertmanagerRoute'];
  },
): { route: Record<string, unknown>; receivers: Receiver[] } {
  const receivers: Receiver[] = [
    {
      name: CATALYST_RECEIVER,
      webhook_configs: [
        {
          url: options.webhookUrl,
          send_resolved: true,
          http_config: {
            authorization: {
              type: 'Bearer',
              credentials_file: options.webhookSecretFile,
            },
          },
        },
      ],
    },
  ];
  const routes: Record<string, unknown>[] = [
    // Empty matchers match every alert; `continue` lets the rule routes below see it too.
    { receiver: CATALYST_RECEIVER, continue: true },
  ];
  for (const rule of rules.filter(
    r => r.enabled && r.notificationChannels.length > 0,
  )) {
    const receiver: Receiver = { name: `catalyst-rule-${rule.id}` };
    for (const channel of rule.notificationChannels) {
      const [key, config] = channelConfig(channel);
      receiver[key] = [...((receiver[key] as unknown[]) ?? []), config];
    }
    receivers.push(receiver);
    routes.push({
      receiver: receiver.name,
      matchers: [
        `${ENTITY_REF_LABEL}="${rule.entityRef.replace(/["\\]/g, '\\$&')}"`,
        `${RULE_ID_LABEL}="${rule.id}"`,
      ],
      continue: true,
    });
  }
  return {
    route: {
      receiver: CATALYST_RECEIVER,
      group_by: ['alertname', ENTITY_REF_LABEL, RULE_ID_LABEL],
      group_wait: options.route.groupWait,
      group_interval: options.route.groupInterval,
      repeat_interval: options.route.repeatInterval,
      routes,
    },
    receivers,
  };
}

/** The same as YAML, ready to merge into alertmanager.yml. */
export function alertmanagerConfigYaml(
  config: ReturnType<typeof renderAlertmanagerConfig>,
): string {
  return stringify(config, { lineWidth: 0 });
}
