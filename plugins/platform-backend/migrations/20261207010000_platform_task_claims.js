// @ts-check

/**
 * Pending tasks in claim order (priority, then age), so that a claim reads
 * its batch off an index instead of sorting every pending task; and every
 * task by key, so that an enqueue finds the newest task with its key (open or
 * not) without reading them all.
 *
 * PostgreSQL: a statement that makes platform tasks runnable now (an enqueue,
 * a retry, an approval, a failed attempt retried at once) notifies the
 * `platform_tasks` channel, so that idle workers on every replica claim them
 * at once instead of at their next poll. SQLite has no notifications: its
 * workers poll.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    `CREATE INDEX platform_tasks_pending_idx ON platform_tasks (priority DESC, id)
     WHERE status = 'pending'`,
  );
  await knex.raw(
    'CREATE INDEX platform_tasks_dedupe_key_idx ON platform_tasks (dedupe_key, id)',
  );
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(`
    CREATE FUNCTION platform_tasks_notify_runnable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM changed_tasks
         WHERE status = 'pending'
           AND (next_run_at IS NULL OR next_run_at <= now())
      ) THEN
        PERFORM pg_notify('platform_tasks', '');
      END IF;
      RETURN NULL;
    END
    $$`);
  // A transition table allows one event per trigger, hence two triggers.
  for (const event of ['INSERT', 'UPDATE']) {
    await knex.raw(`
      CREATE TRIGGER platform_tasks_runnable_after_${event.toLowerCase()}
      AFTER ${event} ON platform_tasks
      REFERENCING NEW TABLE AS changed_tasks
      FOR EACH STATEMENT EXECUTE FUNCTION platform_tasks_notify_runnable()`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX IF EXISTS platform_tasks_pending_idx');
  await knex.raw('DROP INDEX IF EXISTS platform_tasks_dedupe_key_idx');
  if (knex.client.config.client !== 'pg') return;
  for (const event of ['insert', 'update']) {
    await knex.raw(
      `DROP TRIGGER IF EXISTS platform_tasks_runnable_after_${event} ON platform_tasks`,
    );
  }
  await knex.raw('DROP FUNCTION IF EXISTS platform_tasks_notify_runnable()');
};
