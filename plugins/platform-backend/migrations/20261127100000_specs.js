// @ts-check

/**
 * Spec folders and their tasks, keyed by the component's entity ref, with the
 * seed's columns plus content hashes (an unchanged folder is not rewritten),
 * linked pull requests, and GitHub webhook deliveries (replay protection).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('spec_sources', table => {
    table.comment('One row per component whose repository is indexed');
    table.string('entity_ref', 255).primary();
    table.string('etag', 255).nullable();
    table.text('active_slugs').notNullable().defaultTo('[]');
    table.text('last_error').nullable();
    table.timestamp('last_synced_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('spec_folders', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('spec_entity_ref', 255).notNullable();
    table.string('path', 512).notNullable();
    table.string('slug', 255).notNullable();
    table.integer('spec_number').nullable();
    table.string('title', 255).notNullable();
    table.string('status', 50).notNullable().defaultTo('unknown');
    table.integer('completion_percentage').notNullable().defaultTo(0);
    table.integer('tasks_total').notNullable().defaultTo(0);
    table.integer('tasks_done').notNullable().defaultTo(0);
    table.integer('tasks_open').notNullable().defaultTo(0);
    table.integer('tasks_other').notNullable().defaultTo(0);
    table.boolean('archived').notNullable().defaultTo(false);
    table.boolean('active').notNullable().defaultTo(false);
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.text('documents').notNullable().defaultTo('[]');
    table.text('detail').notNullable().defaultTo('{}');
    table.string('content_hash', 64).notNullable();
    table.timestamp('last_synced_at', { useTz: true }).nullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.unique(['entity_ref', 'path']);
    table.index(['owner']);
    table.index(['status']);
  });

  await knex.schema.createTable('spec_tasks', table => {
    table.increments('id');
    table
      .integer('spec_folder_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('spec_folders')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('task_id', 20).nullable();
    table.string('user_story_ref', 20).nullable();
    table.text('stories').notNullable().defaultTo('[]');
    table.text('tags').notNullable().defaultTo('[]');
    table.text('description').notNullable();
    table.text('details').notNullable().defaultTo('[]');
    table.boolean('is_parallelizable').notNullable().defaultTo(false);
    table.string('status', 20).notNullable().defaultTo('pending');
    table.string('state', 20).notNullable().defaultTo('open');
    table.string('mark', 8).notNullable().defaultTo(' ');
    table.string('phase', 255).nullable();
    table.integer('line').notNullable();
    table.string('source', 16).notNullable().defaultTo('checkbox');
    table.integer('linked_pr_number').nullable();
    table.string('completed_by', 20).nullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['spec_folder_id', 'task_id']);
  });

  // Tasks completed by merged pull requests. Kept apart from spec_tasks so that
  // re-indexing a changed tasks.md does not forget them.
  await knex.schema.createTable('spec_task_completions', table => {
    table
      .integer('spec_folder_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('spec_folders')
      .onDelete('CASCADE');
    table.string('task_id', 20).notNullable();
    table.integer('pr_number').notNullable();
    table.string('pr_url', 512).nullable();
    table
      .timestamp('completed_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['spec_folder_id', 'task_id']);
  });

  await knex.schema.createTable('spec_pull_requests', table => {
    table
      .integer('spec_folder_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('spec_folders')
      .onDelete('CASCADE');
    table.string('repository', 255).notNullable();
    table.integer('number').notNullable();
    table.string('title', 1024).notNullable();
    table.string('url', 512).nullable();
    table.timestamp('merged_at', { useTz: true }).nullable();
    table.text('task_ids').notNullable().defaultTo('[]');
    table.primary(['spec_folder_id', 'repository', 'number']);
  });

  await knex.schema.createTable('github_webhook_deliveries', table => {
    table.string('delivery_id', 255).primary();
    table.string('event', 64).notNullable();
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('github_webhook_deliveries');
  await knex.schema.dropTable('spec_pull_requests');
  await knex.schema.dropTable('spec_task_completions');
  await knex.schema.dropTable('spec_tasks');
  await knex.schema.dropTable('spec_folders');
  await knex.schema.dropTable('spec_sources');
};
