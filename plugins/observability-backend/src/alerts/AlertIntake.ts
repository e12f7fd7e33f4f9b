import { AlertWebhookResponse } from '@catalyst/plugin-observability-common';
import { AlertEventInput, AlertEventStore } from '../database/AlertEventStore';
import { ENTITY_REF_LABEL, RULE_ID_LABEL } from '../rules/ruleLabels';
import { AlertmanagerWebhookPayload } from './alertmanagerWebhookPayload';
import { ScopedEntityIndex } from './ScopedEntityIndex';

/** Turns Alertmanager webhook notifications into alert history rows linked to entities. */
export class AlertIntake {
  constructor(
    private readonly options: {
      store: AlertEventStore;
      index: ScopedEntityIndex;
      now?: () => Date;
    },
  ) {}

  async receive(
    payload: AlertmanagerWebhookPayload,
  ): Promise<AlertWebhookResponse> {
    let scopes = await this.options.index.snapshot();
    let refreshed = false;
    const events: AlertEventInput[] = [];
    for (const alert of payload.alerts) {
      const named = alert.labels[ENTITY_REF_LABEL];
      // An entity created since the snapshot: read the catalog again, once per delivery.
      if (named !== undefined && !scopes.has(named) && !refreshed) {
        scopes = await this.options.index.snapshot({ fresh: true });
        refreshed = true;
      }
      const entityRef = scopes.resolve(alert.labels);
      const ruleId = Number(alert.labels[RULE_ID_LABEL]);
      const endsAt =
        alert.status === 'resolved' && alert.endsAt
          ? new Date(alert.endsAt)
          : undefined;
      events.push({
        fingerprint: alert.fingerprint,
        alertName: alert.labels.alertname ?? '(unnamed)',
        status: alert.status,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: new Date(alert.startsAt),
        endsAt: endsAt && !Number.isNaN(endsAt.getTime()) ? endsAt : undefined,
        entityRef,
        ruleId: Number.isInteger(ruleId) && ruleId > 0 ? ruleId : undefined,
        generatorUrl: alert.generatorURL || undefined,
      });
    }
    await this.options.store.record(events, this.options.now?.() ?? new Date());
    return {
      received: events.length,
      linked: events.filter(e => e.entityRef).length,
    };
  }
}
