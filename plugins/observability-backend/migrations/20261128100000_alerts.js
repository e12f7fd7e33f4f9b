// @ts-check

/**
 * Alert rules of catalog entities (the seed's columns plus updated_at, SLO objective,
 * latency quantile, description and notification channels) and the history of alerts
 * received from Alertmanager's webhook.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alert_rules', table => {
    table.comment(
      'Golden-signal alert rules, rendered into Prometheus rule groups',
    );
    table.increments('id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The project the seed calls project_id');
    table
      .string('signal_type', 32)
      .notNullable()
      .comment('latency, error_rate, traffic or saturation');
    table.decimal('threshold', 20, 6).notNullable();
    table
      .string('operator', 8)
      .notNullable()
      .defaultTo('gt')
      .comment('gt, lt, gte or lte');
    table
      .string('duration', 32)
      .notNullable()
      .defaultTo('5m')
      .comment('Prometheus duration: for');
    table.string('severity', 32).notNullable().defaultTo('warning');
    table.boolean('enabled').notNullable().defaultTo(true);
    table
      .decimal('quantile', 10, 6)
      .nullable()
      .comment('Latency quantile of threshold rules');
    table
      .decimal('objective', 10, 6)
      .nullable()
      .comment('SLO objective, e.g. 0.999');
    table.text('description').nullable();
    table.text('notification_channels').notNullable().defaultTo('[]');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['entity_ref']);
  });

  await knex.schema.createTable('alert_events', table => {
    table.comment(
      'Alerts received from Alertmanager: one row per alert occurrence',
    );
    table.increments('id');
    table.string('fingerprint', 64).notNullable();
    table.string('alert_name', 255).notNullable();
    table.string('status', 16).notNullable().comment('firing or resolved');
    table.text('labels').notNullable();
    table.text('annotations').notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).nullable();
    table.string('entity_ref', 255).nullable();
    table.integer('rule_id').nullable();
    table.text('generator_url').nullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.unique(['fingerprint', 'starts_at']);
    table.index(['entity_ref', 'status']);
    table.index(['starts_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_events');
  await knex.schema.dropTable('alert_rules');
};
