// @ts-check

/**
 * Paced scans: each scanner's current cycle (when it started, the last item
 * key it scanned, how many items and tasks so far), so that a restart or
 * another replica carries on where the last run stopped; and what a scan
 * keeps per item between cycles (a head SHA, an ETag).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_scan_cycles', table => {
    table.string('scanner_id', 255).primary();
    table.bigInteger('started_at').notNullable();
    table.text('cursor').nullable();
    table.integer('done').notNullable().defaultTo(0);
    table.integer('found').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('platform_scan_items', table => {
    table.string('scanner_id', 255).notNullable();
    table.string('item_key', 512).notNullable();
    table.text('memory').notNullable();
    table.bigInteger('seen_at').notNullable();
    table.primary(['scanner_id', 'item_key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_scan_items');
  await knex.schema.dropTable('platform_scan_cycles');
};
