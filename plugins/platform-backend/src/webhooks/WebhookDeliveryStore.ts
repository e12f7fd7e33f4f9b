import { Knex } from 'knex';

/**
 * What a claim on a delivery found: `claimed` (handle it now), `processed`
 * (a replay of a handled delivery) or `in-progress` (another request is
 * handling it right now).
 */
export type DeliveryClaim = 'claimed' | 'processed' | 'in-progress';

const TABLE = 'github_webhook_deliveries';

/**
 * The github_webhook_deliveries table. A delivery is claimed while it is
 * handled and marked processed only after its handlers succeeded, so that a
 * replay of a handled delivery is dropped, while one whose handling failed,
 * or whose process died mid-handling, is handled again when GitHub delivers
 * it again.
 */
export class WebhookDeliveryStore {
  constructor(private readonly db: Knex) {}

  /**
   * Claims a delivery for handling. A claim older than `staleAfterMs` was
   * left by a process that died while handling it and is taken over.
   */
  async claim(
    deliveryId: string,
    event: string,
    options: { now: Date; staleAfterMs: number },
  ): Promise<DeliveryClaim> {
    const { now, staleAfterMs } = options;
    const inserted = await this.db(TABLE)
      .insert({
        delivery_id: deliveryId,
        event,
        status: 'processing',
        claimed_at: now,
        received_at: now,
      })
      .onConflict('delivery_id')
      .ignore()
      .returning('delivery_id');
    if (inserted.length === 1) return 'claimed';
    const row = await this.db(TABLE)
      .where({ delivery_id: deliveryId })
      .first('status');
    if (!row) return this.claim(deliveryId, event, options);
    if (row.status === 'processed') return 'processed';
    const takenOver = await this.db(TABLE)
      .where({ delivery_id: deliveryId, status: 'processing' })
      .where('claimed_at', '<=', new Date(now.getTime() - staleAfterMs))
      .update({ claimed_at: now });
    return takenOver === 1 ? 'claimed' : 'in-progress';
  }

  /** Marks a claimed delivery as handled: from now on it is a replay. */
  async markProcessed(deliveryId: string): Promise<void> {
    await this.db(TABLE)
      .where({ delivery_id: deliveryId })
      .update({ status: 'processed', claimed_at: null });
  }

  /** Drops a delivery whose handling failed, so that a redelivery is handled. */
  async forgetDelivery(deliveryId: string): Promise<void> {
    await this.db(TABLE).where({ delivery_id: deliveryId }).delete();
  }

  /**
   * Deletes the deliveries received before `before`; returns how many. A
   * delivery replayed after that is handled again, which the handlers bear.
   */
  async prune(before: Date): Promise<number> {
    return this.db(TABLE).where('received_at', '<', before).delete();
  }
}
