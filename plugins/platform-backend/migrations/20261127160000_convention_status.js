// @ts-check

/**
 * The last convention compliance of each component: written every time its
 * drift report is computed (by the drift scanner or a read of the report),
 * read by the compliance overview.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('convention_status', table => {
    table.comment('Last convention compliance of each component');
    table.string('entity_ref', 255).primary();
    table.string('pack_id', 100).notNullable();
    table.boolean('drifted').notNullable();
    table.text('summary').notNullable().defaultTo('{}');
    table.text('drifted_items').notNullable().defaultTo('[]');
    table.integer('warning_count').notNullable().defaultTo(0);
    table.timestamp('scanned_at', { useTz: true }).notNullable();
    table.index(['drifted', 'entity_ref']);
    table.index(['pack_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('convention_status');
};
