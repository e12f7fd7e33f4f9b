import { z } from 'zod';

const labelSet = z.record(z.string());

/** Alertmanager's webhook body (version 4), as far as Catalyst reads it. */
export const alertmanagerWebhookPayload = z.object({
  version: z.string(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupKey: z.string().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: labelSet,
        annotations: labelSet.default({}),
        startsAt: z.string().datetime({ offset: true }),
        endsAt: z.string().optional(),
        generatorURL: z.string().optional(),
        fingerprint: z.string().min(1).max(64),
      }),
    )
    .max(10_000),
});

/** A parsed Alertmanager webhook body. */
export type AlertmanagerWebhookPayload = z.infer<
  typeof alertmanagerWebhookPayload
>;
