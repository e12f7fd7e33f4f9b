// @ts-check

/**
 * One investigation per alert firing episode (fingerprint and episode start), its
 * evidence and ranking kept as JSON. Migrated with its own migrations table, since the
 * platform plugin's database also holds platform-backend's migrations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_investigations', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('fingerprint', 128).notNullable();
    table.string('episode_start', 40).notNullable();
    table.string('alert_name', 255).notNullable();
    table.integer('task_id').nullable();
    table.text('record').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['fingerprint', 'episode_start'], {
      indexName: 'incident_investigations_episode_idx',
    });
    table.index(['entity_ref'], 'incident_investigations_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_investigations');
};
