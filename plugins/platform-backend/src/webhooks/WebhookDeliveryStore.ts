import { Knex } from 'knex';

/**
 * The github_webhook_deliveries table: the delivery ids seen, so that a
 * replayed delivery is dropped and a failed one can be delivered again.
 */
export class WebhookDeliveryStore {
  constructor(private readonly db: Knex) {}

  /** Records a webhook delivery; false when it was seen before (a replay). */
  async recordDelivery(deliveryId: string, event: string): Promise<boolean> {
    const inserted = await this.db('github_webhook_deliveries')
      .insert({ delivery_id: deliveryId, event })
      .onConflict('delivery_id')
      .ignore()
      .returning('delivery_id');
    return inserted.length === 1;
  }

  async forgetDelivery(deliveryId: string): Promise<void> {
    await this.db('github_webhook_deliveries')
      .where({ delivery_id: deliveryId })
      .delete();
  }
}
