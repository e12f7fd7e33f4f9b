// @ts-check

/**
 * The AGENTS.md context of each component, keyed by its entity ref (the
 * seed's project_id): the seed's columns (content_hash = significant-facts
 * hash, generated_content, last_generated_at, needs_refresh) plus what the
 * repository's committed AGENTS.md holds, the facts behind each generated
 * line, the refresh pull request and the last check.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agent_contexts', table => {
    table.comment('Generated AGENTS.md context per component');
    table.increments('id');
    table.string('entity_ref', 255).notNullable().unique();
    table.string('content_hash', 64).notNullable();
    table.text('generated_content').notNullable();
    table
      .timestamp('last_generated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.boolean('needs_refresh').notNullable().defaultTo(false);
    table.string('committed_hash', 64).nullable();
    table.text('committed_content').nullable();
    table.text('stale_reason').nullable();
    table.text('changes').notNullable().defaultTo('{"added":[],"removed":[]}');
    table.text('facts').notNullable().defaultTo('{}');
    table.text('source').notNullable().defaultTo('{}');
    table.integer('pr_number').nullable();
    table.string('pr_url', 512).nullable();
    table.timestamp('last_checked_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.index(['needs_refresh']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agent_contexts');
};
