// @ts-check

/**
 * Conventions: the platform's rule set (the seed's `convention_rules`, one
 * row per pack rule; `entity_ref` is the seed's project_id and is NULL for
 * the platform-wide rule), the convention pull request of each component,
 * and the result of every convention check of a pull request event.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('convention_rules', table => {
    table.comment('Convention rules: seeded from the packs, toggled by admins');
    table.increments('id');
    table.string('entity_ref', 255).nullable();
    table.string('pack_id', 100).notNullable();
    table.string('rule_type', 16).notNullable();
    table.string('rule_name', 100).notNullable();
    table.text('config').notNullable().defaultTo('{}');
    table.boolean('enabled').notNullable().defaultTo(true);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    // NULL entity refs do not collide in a unique index, so the key spells the scope out.
    table.string('rule_key', 500).notNullable().unique();
    table.index(['entity_ref']);
  });
  await knex.schema.createTable('convention_pull_requests', table => {
    table.comment('The one open convention pull request of each component');
    table.string('entity_ref', 255).primary();
    table.string('repository', 255).notNullable();
    table.string('branch', 255).notNullable();
    table.integer('pr_number').notNullable();
    table.string('pr_url', 512).notNullable();
    table.text('files').notNullable().defaultTo('[]');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('convention_check_results', table => {
    table.comment('Convention checks of delivered pull request events');
    table.increments('id');
    table.string('repository', 255).notNullable();
    table.integer('pr_number').notNullable();
    table.string('head_sha', 64).notNullable();
    table.string('action', 32).notNullable();
    table.string('conclusion', 32).notNullable();
    table.bigInteger('check_run_id').nullable();
    table.text('findings').notNullable().defaultTo('[]');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['repository', 'pr_number']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('convention_check_results');
  await knex.schema.dropTable('convention_pull_requests');
  await knex.schema.dropTable('convention_rules');
};
