import type {
  AlertOperator,
  AlertRule,
  AlertSignalType,
  CreateAlertRuleRequest,
  NotificationChannel,
} from '@catalyst/plugin-observability-common';

/** The rule form's fields as typed: text until sent, so the backend can judge them. */
export type AlertRuleFormValues = {
  signalType: AlertSignalType;
  operator: AlertOperator;
  threshold: string;
  duration: string;
  severity: AlertRule['severity'];
  enabled: boolean;
  quantile: string;
  objective: string;
  description: string;
  /** One channel a line: `slack #channel [webhook URL]`, `email address`, `webhook URL`. */
  channels: string;
};

/** The form of a new rule. */
export const EMPTY_RULE_FORM: AlertRuleFormValues = {
  signalType: 'error_rate',
  operator: 'gt',
  threshold: '',
  duration: '5m',
  severity: 'warning',
  enabled: true,
  quantile: '',
  objective: '',
  description: '',
  channels: '',
};

/** A stored rule as the form shows it. */
export function ruleToForm(rule: AlertRule): AlertRuleFormValues {
  return {
    signalType: rule.signalType,
    operator: rule.operator,
    threshold: String(rule.threshold),
    duration: rule.duration,
    severity: rule.severity,
    enabled: rule.enabled,
    quantile: rule.quantile === undefined ? '' : String(rule.quantile),
    objective: rule.objective === undefined ? '' : String(rule.objective),
    description: rule.description ?? '',
    channels: rule.notificationChannels.map(formatChannel).join('\n'),
  };
}

/** One notification channel as a line of the form and a cell of the table. */
export function formatChannel(channel: NotificationChannel): string {
  switch (channel.type) {
    case 'slack':
      return `slack ${channel.channel}${
        channel.webhookUrl ? ` ${channel.webhookUrl}` : ''
      }`;
    case 'email':
      return `email ${channel.to}`;
    default:
      return `webhook ${channel.url}`;
  }
}

/**
 * The request body of the form. Blank optional numbers are left out of a new rule and
 * cleared (null) on an edit; text that is not a number goes as typed for the backend to refuse.
 * Throws on channel lines that name no channel type.
 */
export function formToRequest(
  form: AlertRuleFormValues,
  clearBlanks: boolean,
): CreateAlertRuleRequest {
  const blank = clearBlanks ? null : undefined;
  const number = (text: string) => {
    if (text.trim() === '') return blank;
    const value = Number(text);
    return Number.isNaN(value) ? text : value;
  };
  const body = {
    signalType: form.signalType,
    operator: form.operator,
    threshold: number(form.threshold),
    duration: form.duration.trim(),
    severity: form.severity,
    enabled: form.enabled,
    quantile: number(form.quantile),
    objective: number(form.objective),
    description: form.description.trim() === '' ? blank : form.description,
    notificationChannels: parseChannels(form.channels),
  };
  // The backend validates the values; the cast only names the shape it expects.
  return Object.fromEntries(
    Object.entries(body).filter(([, v]) => v !== undefined),
  ) as unknown as CreateAlertRuleRequest;
}

function parseChannels(text: string): NotificationChannel[] {
  return text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '')
    .map((line, index) => {
      const [type, target = '', webhookUrl] = line.split(/\s+/);
      switch (type) {
        case 'slack':
          return webhookUrl
            ? { type, channel: target, webhookUrl }
            : { type, channel: target };
        case 'email':
          return { type, to: target };
        case 'webhook':
          return { type, url: target };
        default:
          throw new Error(
            `Notification channel line ${
              index + 1
            } ('${line}') must start with slack, email or webhook`,
          );
      }
    });
}

/** The operator as a symbol, for the table. */
export const OPERATOR_SYMBOLS: Record<AlertOperator, string> = {
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

/** Signal names as the UI says them. */
export const SIGNAL_LABELS: Record<AlertSignalType, string> = {
  latency: 'Latency',
  error_rate: 'Error rate',
  traffic: 'Traffic',
  saturation: 'Saturation',
};
