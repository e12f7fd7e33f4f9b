import { z } from 'zod';
import { parsePrometheusDuration } from '../time/prometheusDuration';

const channel = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('slack'),
    channel: z.string().min(1).max(200),
    webhookUrl: z.string().url().optional(),
  }),
  z.object({ type: z.literal('email'), to: z.string().email() }),
  z.object({ type: z.literal('webhook'), url: z.string().url() }),
]);

const fields = {
  signalType: z.enum(['latency', 'error_rate', 'traffic', 'saturation']),
  threshold: z.number().finite().min(0),
  operator: z.enum(['gt', 'lt', 'gte', 'lte']),
  duration: z
    .string()
    .refine(
      d => parsePrometheusDuration(d) !== undefined,
      'must be a Prometheus duration such as 5m',
    ),
  severity: z.enum(['critical', 'warning', 'info']),
  enabled: z.boolean(),
  quantile: z.number().gt(0).lt(1).nullable(),
  objective: z.number().gt(0).lt(1).nullable(),
  description: z.string().max(1000).nullable(),
  notificationChannels: z.array(channel).max(20),
};

/** Body of a rule creation; defaults are applied by the service. */
export const createAlertRuleSchema = z
  .object({
    ...fields,
    operator: fields.operator.optional(),
    duration: fields.duration.optional(),
    severity: fields.severity.optional(),
    enabled: fields.enabled.optional(),
    quantile: fields.quantile.optional(),
    objective: fields.objective.optional(),
    description: fields.description.optional(),
    notificationChannels: fields.notificationChannels.optional(),
  })
  .strict();

/** Body of a rule update: any subset of the fields. */
export const updateAlertRuleSchema = z.object(fields).partial().strict();

/** A rule's fields after defaults, checked together. */
export type CheckedRuleFields = {
  signalType: z.infer<typeof fields.signalType>;
  threshold: number;
  quantile?: number;
  objective?: number;
};

/** Checks what one field cannot: which combinations of signal, threshold and objective make sense. */
export function checkRuleCombination(
  rule: CheckedRuleFields,
): string | undefined {
  if (
    (rule.signalType === 'error_rate' || rule.signalType === 'saturation') &&
    rule.objective === undefined &&
    rule.threshold > 1
  ) {
    return `threshold of a ${rule.signalType} rule is a ratio from 0 to 1 (0.05 = 5%), got ${rule.threshold}`;
  }
  if (rule.quantile !== undefined && rule.signalType !== 'latency') {
    return 'quantile applies to latency rules only';
  }
  if (
    rule.objective !== undefined &&
    rule.signalType !== 'error_rate' &&
    rule.signalType !== 'latency'
  ) {
    return 'objective (an SLO) applies to error_rate and latency rules only';
  }
  if (rule.objective !== undefined && rule.quantile !== undefined) {
    return 'a latency SLO counts requests faster than threshold seconds; it takes no quantile';
  }
  if (
    rule.signalType === 'latency' &&
    rule.objective !== undefined &&
    !(rule.threshold > 0)
  ) {
    return 'threshold of a latency SLO is the latency bound in seconds (a histogram bucket boundary) and must be above 0';
  }
  return undefined;
}
