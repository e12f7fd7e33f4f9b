// @ts-check

/**
 * Auto-merge of the pull requests platform tasks open: where each one stands
 * (waiting for checks, merged, left open) and when it was last looked at.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('platform_tasks', table => {
    table.string('merge_state', 32).nullable();
    table.text('merge_detail').nullable();
    table.timestamp('merge_checked_at', { useTz: true }).nullable();
    table.index(['merge_state'], 'platform_tasks_merge_state_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('platform_tasks', table => {
    table.dropIndex(['merge_state'], 'platform_tasks_merge_state_idx');
    table.dropColumn('merge_state');
    table.dropColumn('merge_detail');
    table.dropColumn('merge_checked_at');
  });
};
