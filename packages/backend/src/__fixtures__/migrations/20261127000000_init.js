// @ts-check

/**
 * A small migration in the shape every Catalyst store uses: a table keyed by
 * entity ref, JSON, timestamps and a unique constraint.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('foundation_items', table => {
    table.increments('id');
    table.string('entity_ref').notNullable();
    table.string('name').notNullable();
    table.text('payload').notNullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.unique(['entity_ref', 'name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('foundation_items');
};
