// @ts-check

/**
 * The durable platform task queue: the seed's platform_tasks columns
 * (entity_ref for project_id) plus leases, retry scheduling, dedupe and the
 * approval policy snapshot; one row per attempt; and the circuit breakers
 * every replica reads before claiming.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_tasks', table => {
    table.comment('Durable queue of platform tasks');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('task_type', 100).notNullable();
    table.string('title', 500).notNullable();
    table.text('description').nullable();
    table.string('status', 32).notNullable().defaultTo('pending');
    table.integer('priority').notNullable().defaultTo(0);
    table.integer('linked_pr_number').nullable();
    table.integer('retry_count').notNullable().defaultTo(0);
    table.integer('max_retries').notNullable().defaultTo(3);
    table.string('repository', 255).nullable();
    table.string('subject', 500).nullable();
    table.string('dedupe_key', 900).notNullable();
    table.string('lease_owner', 255).nullable();
    table.timestamp('lease_expires_at', { useTz: true }).nullable();
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.string('error_class', 32).nullable();
    table.string('approval_policy', 32).notNullable().defaultTo('auto-merge');
    table.timestamp('approved_at', { useTz: true }).nullable();
    table.text('payload').notNullable().defaultTo('{}');
    table.text('result').nullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['status', 'next_run_at'], 'platform_tasks_claimable_idx');
    table.index(['entity_ref']);
    table.index(['repository', 'task_type']);
  });
  // One open task per repository, type and subject; PostgreSQL and SQLite
  // both know partial unique indexes.
  await knex.raw(
    `CREATE UNIQUE INDEX platform_tasks_open_dedupe_idx ON platform_tasks (dedupe_key)
     WHERE status IN ('pending', 'in_progress', 'awaiting_approval')`,
  );

  await knex.schema.createTable('platform_task_attempts', table => {
    table.comment('One row per claim of a platform task');
    table
      .integer('task_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('platform_tasks')
      .onDelete('CASCADE');
    table.integer('attempt').notNullable();
    table.string('worker', 255).notNullable();
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('outcome', 32).nullable();
    table.text('error').nullable();
    table.primary(['task_id', 'attempt']);
  });

  await knex.schema.createTable('platform_task_breakers', table => {
    table.comment('Circuit breakers over GitHub work, shared by replicas');
    table.string('key', 400).primary();
    table.string('state', 16).notNullable().defaultTo('closed');
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.timestamp('open_until', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_task_breakers');
  await knex.schema.dropTable('platform_task_attempts');
  await knex.raw('DROP INDEX IF EXISTS platform_tasks_open_dedupe_idx');
  await knex.schema.dropTable('platform_tasks');
};
