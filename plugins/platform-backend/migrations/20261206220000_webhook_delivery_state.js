// @ts-check

/**
 * GitHub webhook deliveries are claimed while they are handled and marked
 * processed only once handling succeeded, so a delivery whose handler died
 * with its process can be delivered again; `received_at` is indexed for
 * pruning.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('github_webhook_deliveries', table => {
    // Rows from before this migration were recorded by a finished handler.
    table.string('status', 16).notNullable().defaultTo('processed');
    table.timestamp('claimed_at', { useTz: true }).nullable();
    table.index(['received_at'], 'github_webhook_deliveries_received_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('github_webhook_deliveries', table => {
    table.dropIndex(['received_at'], 'github_webhook_deliveries_received_idx');
    table.dropColumn('status');
    table.dropColumn('claimed_at');
  });
};
