import { LoggerService } from '@backstage/backend-plugin-api';
import { AlertWebhookResponse } from '@catalyst/plugin-observability-common';
import { AlertEventInput, AlertEventStore } from '../database/AlertEventStore';
import { ENTITY_REF_LABEL, RULE_ID_LABEL } from '../rules/ruleLabels';
import { AlertmanagerWebhookPayload } from './alertmanagerWebhookPayload';
import { AlertInvestigations } from './InvestigationRequests';
import { ScopedEntityIndex } from './ScopedEntityIndex';

/** An occurrence that starts within this long of the previous one's end continues its episode. */
export const FLAP_WINDOW_MS = 15 * 60_000;
/**
 * An unlinked firing alert that no notification has reached for this long is left as it
 * is: Alertmanager re-notifies a firing alert every `repeat_interval` (4h by default).
 */
export const RELINK_WINDOW_MS = 24 * 3600_000;
/** Most unlinked alerts one {@link AlertIntake.relink} pass looks at, newest first. */
const RELINK_BATCH = 500;

type Occurrence = Pick<
  AlertEventInput,
  'fingerprint' | 'alertName' | 'status' | 'startsAt' | 'entityRef'
>;

/**
 * Turns Alertmanager webhook notifications into alert history rows linked to entities, and
 * asks for one investigation per firing episode of an entity's alert (withdrawn when the
 * alert resolves first). An alert that arrives before the catalog has its entity is stored
 * unlinked, and linked (and investigated) by {@link AlertIntake.relink} once the catalog
 * has caught up.
 */
export class AlertIntake {
  // What the last relink pass tried: alerts up to `lastId` against scopes of `generation`.
  private tried = { generation: -1, lastId: 0 };

  constructor(
    private readonly options: {
      store: AlertEventStore;
      index: ScopedEntityIndex;
      investigations?: AlertInvestigations;
      logger?: LoggerService;
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
    await this.requestInvestigations(events);
    return {
      received: events.length,
      linked: events.filter(e => e.entityRef).length,
    };
  }

  /**
   * Links the stored firing alerts that no entity matched when they arrived to the entity
   * they match now, and asks for their investigations as a notification of a linked alert
   * does. An alert is tried again only once the catalog's granted scopes have changed
   * since it was last tried. Returns how many alerts it linked.
   */
  async relink(): Promise<number> {
    const { store, index, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const waiting = await store.unlinkedFiring({
      receivedSince: new Date(now.getTime() - RELINK_WINDOW_MS),
      limit: RELINK_BATCH,
    });
    if (waiting.length === 0) return 0;
    const scopes = await index.snapshot();
    const { generation, lastId } = this.tried;
    const candidates =
      scopes.generation === generation
        ? waiting.filter(alert => alert.id > lastId)
        : waiting;
    this.tried = {
      generation: scopes.generation,
      lastId: Math.max(lastId, ...waiting.map(alert => alert.id)),
    };
    const linked: Occurrence[] = [];
    for (const alert of candidates) {
      const entityRef = scopes.resolve(alert.labels);
      if (entityRef && (await store.link(alert.id, entityRef))) {
        linked.push({
          fingerprint: alert.fingerprint,
          alertName: alert.alertName,
          status: 'firing',
          startsAt: new Date(alert.startsAt),
          entityRef,
        });
      }
    }
    if (linked.length > 0) {
      logger?.info(
        `Linked ${linked.length} firing alert${
          linked.length === 1 ? '' : 's'
        } that arrived before the catalog had their entity`,
      );
    }
    await this.requestInvestigations(linked);
    return linked.length;
  }

  // Alertmanager retries a failed delivery and the history upsert is idempotent, but a
  // platform that is down must not make it redeliver forever: a failure is logged.
  private async requestInvestigations(events: Occurrence[]) {
    const { investigations, store, logger } = this.options;
    if (!investigations) return;
    for (const event of events) {
      if (!event.entityRef) continue;
      const episode = {
        entityRef: event.entityRef,
        fingerprint: event.fingerprint,
        alertName: event.alertName,
        startsAt: event.startsAt,
        episodeStart: await store.episodeStart(
          event.fingerprint,
          event.startsAt,
          FLAP_WINDOW_MS,
        ),
      };
      try {
        if (event.status === 'firing') await investigations.firing(episode);
        else await investigations.resolved(episode);
      } catch (error) {
        logger?.warn(
          `Could not ${
            event.status === 'firing' ? 'queue' : 'withdraw'
          } the investigation of ${event.alertName} (${event.fingerprint}) on ${
            event.entityRef
          }: ${error}`,
        );
      }
    }
  }
}
