// @ts-check

/**
 * The commit each agent context was analysed at and the version of the
 * analysis that read it, so that the scheduled check skips the clone of a
 * component whose branch head and analyzer are unchanged. Rows from before
 * this migration have neither and are analysed once more.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('agent_contexts', table => {
    table.string('analyzed_commit', 64).nullable();
    table.string('analyzer_version', 100).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('agent_contexts', table => {
    table.dropColumn('analyzed_commit');
    table.dropColumn('analyzer_version');
  });
};
