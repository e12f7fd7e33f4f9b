// A worker in its own process: claims one task from the database named in
// CATALYST_TASK_DB, reports the claim to its parent, then hangs until killed.
import knexFactory from 'knex';
import { TaskStore } from '../tasks/TaskStore';

async function main() {
  const db = knexFactory(JSON.parse(process.env.CATALYST_TASK_DB!));
  const store = new TaskStore(db);
  const claims = await store.claim({
    worker: `crashing-${process.pid}`,
    limit: 1,
    leaseMs: Number(process.env.CATALYST_TASK_LEASE_MS),
    now: new Date(),
  });
  process.send!({
    claimed: claims.map(c => ({ id: c.task.id, attempt: c.attempt })),
  });
  setInterval(() => {}, 60_000);
}

main().catch(error => {
  process.send!({ error: String(error) });
  process.exit(1);
});
